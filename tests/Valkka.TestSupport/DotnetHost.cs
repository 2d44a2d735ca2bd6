namespace Valkka.TestSupport;

/// <summary>Where the dotnet host is: the one running these tests (the test host is started by it), else the one on PATH.</summary>
public static class DotnetHost
{
    public static string Find()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
