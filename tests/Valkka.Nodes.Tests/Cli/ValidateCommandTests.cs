using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Cli;

/// <summary>`valkka validate` as a real process: every error with its path, exit code 2.</summary>
public class ValidateCommandTests
{
    [Fact]
    public async Task A_broken_file_gives_every_error_and_exit_code_2()
    {
        var dir = Directory.CreateTempSubdirectory("valkka-validate-");
        try
        {
            var file = Path.Combine(dir.FullName, "broken.conf");
            File.WriteAllText(file, """
                valkka {
                  nodes { a { port = 99999 } }
                  cameras {
                    cam1 { node = b }
                  }
                  clients {
                    c1 {
                      node = a
                      cameras = [cam1, cam9]
                      master = m9
                      analyzer { type = "Acme.Nothing, Acme" }
                    }
                  }
                }
                """);

            var (code, output) = await ValkkaCli.RunAsync(TimeSpan.FromMinutes(2), "validate", file);

            Assert.Equal(2, code);
            var lines = output.Split('\n');
            Assert.Equal(
            [
                $"{file}: valkka.nodes.a.port: expected an integer from 1 to 65535, got \"99999\"",
                $"{file}: valkka.cameras.cam1.url: missing required key",
                $"{file}: valkka.cameras.cam1.node: unknown node \"b\" (known: a)",
                $"{file}: valkka.clients.c1.cameras[1]: unknown camera \"cam9\" (known: cam1)",
                $"{file}: valkka.clients.c1.master: unknown master \"m9\" (known: none defined)",
                $"{file}: valkka.clients.c1.analyzer.type: cannot load type \"Acme.Nothing, Acme\": assembly \"Acme\" not found",
                $"{file}: 6 error(s); nothing was started",
            ], lines);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_shipped_file_is_valid_on_free_ports()
    {
        var ports = Valkka.Nodes.Launcher.FreePorts.Take(5);
        string[] nodes = ["cameras", "client1", "client2", "client3", "master"];
        var args = new List<string> { "validate", Path.Combine(RepoPaths.Hocon, "main3.conf") };
        for (var i = 0; i < 5; i++) args.AddRange(["--port", $"{nodes[i]}={ports[i]}"]);

        var (code, output) = await ValkkaCli.RunAsync(TimeSpan.FromMinutes(2), args.ToArray());

        Assert.True(code == 0, output);
        Assert.Contains("main3.conf: OK: topology main3, 5 nodes, 3 cameras, 3 clients, 1 masters", output);
    }

    [Fact]
    public async Task Port_overrides_are_checked_like_the_file()
    {
        var main3 = Path.Combine(RepoPaths.Hocon, "main3.conf");
        var port = Valkka.Nodes.Launcher.FreePorts.Take(1)[0];

        var (code, output) = await ValkkaCli.RunAsync(TimeSpan.FromMinutes(2), "validate", main3,
            "--port", $"cameras={port}", "--port", $"master={port}", "--port", "nosuch=5");

        Assert.Equal(2, code);
        Assert.Contains($"{main3}: --port: no node \"nosuch\" (known: cameras, client1, client2, client3, master)", output);
        Assert.Contains($"{main3}: valkka.nodes.master.port: port {port} on 127.0.0.1 is already used by node \"cameras\"", output);
    }
}
