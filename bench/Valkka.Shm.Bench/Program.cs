using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Valkka.Shm.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
