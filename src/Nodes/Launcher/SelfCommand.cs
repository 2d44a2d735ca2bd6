using System.Diagnostics;

namespace Valkka.Nodes.Launcher;

/// <summary>How to start this same program again as a child: the apphost, or `dotnet valkka.dll`.</summary>
public static class SelfCommand
{
    public static ProcessStartInfo For(IEnumerable<string> arguments)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this program's path");
        var info = new ProcessStartInfo(processPath);
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            info.ArgumentList.Add(typeof(SelfCommand).Assembly.Location);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }
}
