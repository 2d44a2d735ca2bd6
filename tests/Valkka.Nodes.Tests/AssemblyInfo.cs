namespace Valkka.Nodes.Tests;
