using System.Diagnostics;
using Valkka.Bench.AkkaCache;

CacheOptions options;
try
{
    options = CacheOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (options.Dispatcher != "both") return await CacheChurn.RunAsync(options, Console.Out);

// One child process per dispatcher, so each starts with a thread pool of its own.
foreach (string dispatcher in new[] { "pool", "dedicated" })
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(CacheOptions).Assembly.Location);
    foreach (string a in options.ToArgs(dispatcher)) start.ArgumentList.Add(a);
    using var child = Process.Start(start)!;
    await child.WaitForExitAsync();
    if (child.ExitCode != 0) return child.ExitCode;
}
return 0;
