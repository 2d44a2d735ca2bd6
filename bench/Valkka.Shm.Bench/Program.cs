using BenchmarkDotNet.Running;
using Valkka.Shm.Bench;

// dotnet run -c Release --project bench/Valkka.Shm.Bench -- --filter '*'      (BenchmarkDotNet)
// dotnet run -c Release --project bench/Valkka.Shm.Bench -- paired [rounds]   (interleaved comparison)
if (args.Length > 0 && args[0] == "paired")
{
    PairedWriteComparison.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
