namespace Valkka.Shm;
