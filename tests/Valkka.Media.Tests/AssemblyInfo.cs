namespace Valkka.Media.Tests;
