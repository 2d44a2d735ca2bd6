namespace Valkka.Actors;
