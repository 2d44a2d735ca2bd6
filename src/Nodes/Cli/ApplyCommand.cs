using System.CommandLine;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Valkka.Actors.Node;
using Valkka.Actors.Topology;
using Valkka.Nodes.Control;

namespace Valkka.Nodes.Cli;

/// <summary>
/// `valkka apply FILE [--dry-run]`: makes FILE the desired state of the running `valkka run` of its
/// topology on this machine. The file is validated here first (as `valkka validate` does, except that the
/// running nodes' ports are in use); then the run validates it against what runs and carries out the
/// difference, and this prints what was added, removed and changed. Exit 0 when applied (or nothing to do),
/// 2 when the file is invalid, 3 when the change cannot be made at run time, 1 when no run listens, a
/// part failed to start, or the cluster did not carry out the placement within --wait.
/// A topology whose cameras are placed by the cluster is carried out where the placement puts them, on any host:
/// apply waits until every placed camera runs on a node of its role (<see cref="PlacementProgress"/>), up to
/// --wait (default 60 s; 0: return once the change is planned on this host).
/// </summary>
public static class ApplyCommand
{
    public const int Refused = 3;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the new desired state: a whole topology file (HOCON)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print what would change, change nothing" };
        var wait = new Option<string>("--wait")
        {
            Description = "how long to wait for the cluster to place and start the placed cameras (e.g. 30s; 0: do not wait)",
            DefaultValueFactory = _ => "60s",
        };
        var command = new Command("apply", "Change a running topology to this file: only what differs stops and starts") { file, dryRun, wait };
        command.SetAction((result, cancel) =>
        {
            var waitFor = TimeSpan.Zero;
            if (result.GetValue(wait)!.Trim() != "0" && !DurationText.TryParse(result.GetValue(wait)!, out waitFor))
            {
                Console.Error.WriteLine($"--wait: \"{result.GetValue(wait)}\" is not a duration (e.g. 60s, 2m, 0)");
                return Task.FromResult(ExitCodes.InvalidTopology);
            }
            return RunAsync(result.GetValue(file)!, result.GetValue(dryRun), waitFor, cancel);
        });
        return command;
    }

    private static async Task<int> RunAsync(string file, bool dryRun, TimeSpan waitFor, CancellationToken cancel)
    {
        var topology = TopologyFile.Load(file, new ValidationScope { Nodes = RunCommand.LocalNodeNames(file), CheckPorts = false, CheckShmSpace = false },
            new Dictionary<string, int>());
        if (topology is null) return ExitCodes.InvalidTopology;
        var socket = ControlSocketPath.For(topology.Name, HostIdentity.Current);
        using var http = ControlClient.Create(socket);
        using var content = new StringContent(await File.ReadAllTextAsync(file, cancel), Encoding.UTF8, "text/plain");
        content.Headers.Add(ControlApi.SourceHeader, Path.GetFullPath(file));
        HttpResponseMessage response;
        try
        {
            response = await http.PutAsync($"/api/topology?dryRun={(dryRun ? "true" : "false")}", content, cancel);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            Console.Error.WriteLine($"{file}: no valkka run of topology {topology.Name} runs on this machine (no answer on {socket})");
            return ExitCodes.RuntimeFailure;
        }
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel))!.AsObject();
        return (int)response.StatusCode switch
        {
            400 => Print(file, answer["errors"]!.AsArray().Select(e => $"{e!["path"]}: {e["message"]}"), ExitCodes.InvalidTopology, "nothing changed"),
            409 => Print(file, answer["refused"]!.AsArray().Select(r => (string)r!), Refused, "nothing changed"),
            200 when Changes(file, answer, dryRun) is var code && (code != ExitCodes.Success || dryRun || waitFor <= TimeSpan.Zero
                                                                    || answer["changes"]!.AsArray().Count == 0) => code,
            200 => await AwaitPlacementAsync(file, topology, http, waitFor, cancel),
            var status => Print(file, [$"the run answered {status}: {answer.ToJsonString()}"], ExitCodes.RuntimeFailure, "unknown outcome"),
        };
    }

    private static async Task<int> AwaitPlacementAsync(string file, TopologyDefinition topology, HttpClient http, TimeSpan waitFor, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<string> pending;
        while (true)
        {
            var status = JsonNode.Parse(await http.GetStringAsync("/api/status", cancel))!.AsObject();
            pending = PlacementProgress.Pending(topology, status);
            if (pending.Count == 0)
            {
                if (topology.PlacesParts)
                    Console.WriteLine($"placement carried out in {clock.Elapsed.TotalSeconds:0.0} s: every placed camera and master runs on a node of its role");
                return ExitCodes.Success;
            }
            if (clock.Elapsed >= waitFor) break;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancel);
        }
        return Print(file, pending, ExitCodes.RuntimeFailure, $"the change is applied, the placement not carried out after {waitFor.TotalSeconds:0} s");
    }

    private static int Changes(string file, JsonObject answer, bool dryRun)
    {
        var changes = answer["changes"]!.AsArray();
        if (changes.Count == 0)
        {
            Console.WriteLine($"{file}: no change (the running topology is the same)");
            return ExitCodes.Success;
        }
        foreach (var c in changes)
            Console.WriteLine($"{(dryRun ? "would be " : "")}{c!["action"]} {c["kind"]} {c["id"]}{(c["why"] is { } why ? $" ({why})" : "")}");
        var failures = answer["failures"]!.AsArray();
        foreach (var f in failures) Console.Error.WriteLine($"{file}: {f}");
        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.RuntimeFailure;
    }

    private static int Print(string file, IEnumerable<string> lines, int code, string end)
    {
        var all = lines.ToList();
        foreach (var line in all) Console.Error.WriteLine($"{file}: {line}");
        Console.Error.WriteLine($"{file}: {all.Count} problem(s); {end}");
        return code;
    }
}
