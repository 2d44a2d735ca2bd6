namespace Valkka.Samples;
