namespace Valkka.Media;
