namespace Valkka.Shm.Tests;
