using System.CommandLine;
using Valkka.Bench;

// No termination grace period: the benchmarks do not watch for cancellation, so Ctrl-C ends the run at once.
return await BenchCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
