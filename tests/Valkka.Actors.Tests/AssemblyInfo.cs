namespace Valkka.Actors.Tests;
