using System.Net;
using System.Net.Sockets;
using Valkka.Actors.Topology;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>One test per class of topology error, each checking the exact message.</summary>
public class ValidationErrorMessageTests
{
    private static string Valid => Topologies.Valid();

    [Fact]
    public void Unknown_key_names_its_path_and_the_known_keys()
    {
        var text = Valid.Replace("ring-slots = 4", "ring-slots = 4\n      ulr = \"x\"");
        Assert.Equal(["valkka.cameras.cam2.ulr: unknown key (known keys: url, node, placement, size, ring-slots, decoder, decode)"],
            Topologies.Errors(text));
    }

    [Fact]
    public void Unknown_notify_mode_names_the_two_modes()
    {
        var text = Valid.Replace("master = m1", "master = m1\n      notify = futex");
        Assert.Equal(["valkka.clients.c1.notify: must be doorbell or remote, got \"futex\""], Topologies.Errors(text));
    }

    [Fact]
    public void Unknown_root_key_is_reported()
    {
        var text = Valid.Replace("name = unit", "name = unit\n  camera { }");
        Assert.Equal(["valkka.camera: unknown key (known keys: name, nodes, cameras, clients, masters, tls, insecure, metrics, web, cluster)"],
            Topologies.Errors(text));
    }

    [Fact]
    public void Missing_key_is_reported()
    {
        var text = Valid.Replace("url = \"rtsp://127.0.0.1:8554/test\"", "");
        Assert.Equal(["valkka.cameras.cam2.url: missing required key"], Topologies.Errors(text));
    }

    [Theory]
    [InlineData("ftp://nowhere/x", "scheme \"ftp\" is not a camera stream the decoder opens: use rtsp://, rtsps://, rtmp(s)://, http(s)://, udp://, tcp://, srt://, rtp://, file:// or a path, synthetic:// or pattern://")]
    [InlineData("rtsp:///stream1", "\"rtsp://\" needs a host, as in rtsp://camera.local:554/stream")]
    [InlineData("rtsp://", "\"rtsp://\" needs a host, as in rtsp://camera.local:554/stream")]
    [InlineData("file://", "file:// names no file")]
    [InlineData("synthetic://Bars", "synthetic source name 'Bars' in 'synthetic://Bars' must be a lavfi source such as testsrc2, smptebars or mandelbrot (lowercase letters and digits)")]
    public void Camera_url_the_decoder_cannot_open_is_reported(string url, string problem)
    {
        var text = Valid.Replace("rtsp://127.0.0.1:8554/test", url);
        Assert.Equal([$"valkka.cameras.cam2.url: {problem}"], Topologies.Errors(text));
    }

    [Theory]
    [InlineData("rtsp://user:secret@10.0.0.5:554/stream1")]
    [InlineData("http://camera.local/video.mjpg")]
    [InlineData("/var/clips/door.mp4")]
    [InlineData("file:///var/clips/door.mp4")]
    [InlineData("synthetic://smptebars?size=640x360&fps=10")]
    public void Camera_url_forms_the_decoder_opens_pass(string url)
    {
        Assert.Empty(Topologies.Errors(Valid.Replace("rtsp://127.0.0.1:8554/test", url)));
    }

    [Fact]
    public void Missing_root_is_reported()
    {
        Assert.Equal(["valkka: missing required key (a topology file has a root object valkka { ... })"],
            Topologies.Errors("akka { }"));
    }

    [Fact]
    public void Wrong_value_type_is_reported()
    {
        var text = Valid.Replace("ring-slots = 4", "ring-slots = many").Replace("max-wait = 15ms", "max-wait = soon");
        Assert.Equal(
        [
            "valkka.cameras.cam2.ring-slots: expected an integer from 2 to 64, got \"many\"",
            "valkka.masters.m1.batch.max-wait: expected a duration from 0ms to 10s (e.g. 500ms, 5s), got \"soon\"",
        ], Topologies.Errors(text));
    }

    [Fact]
    public void Bad_size_is_reported()
    {
        var text = Valid.Replace("size = 320x240", "size = big");
        Assert.Equal(["valkka.cameras.cam2.size: expected WIDTHxHEIGHT from 16x16 to 16384x16384 (e.g. 1280x720), got \"big\""],
            Topologies.Errors(text));
    }

    [Fact]
    public void Unknown_node_reference_lists_the_known_nodes()
    {
        var text = Valid.Replace("node = boss", "node = bos");
        Assert.Equal(["valkka.masters.m1.node: unknown node \"bos\" (known: cams, work, boss)"], Topologies.Errors(text));
    }

    [Fact]
    public void Unknown_camera_reference_names_the_list_index()
    {
        var text = Valid.Replace("cameras = [cam1, cam2]", "cameras = [cam1, cam9]");
        Assert.Equal(["valkka.clients.c1.cameras[1]: unknown camera \"cam9\" (known: cam1, cam2)"], Topologies.Errors(text));
    }

    [Fact]
    public void Unknown_master_reference_lists_the_known_masters()
    {
        var text = Valid.Replace("master = m1", "master = m9");
        Assert.Equal(["valkka.clients.c1.master: unknown master \"m9\" (known: m1)"], Topologies.Errors(text));
    }

    [Fact]
    public void Id_written_twice_in_the_same_block_is_a_duplicate()
    {
        var text = Valid.Replace("cam2 {", "cam1 {\n      url = \"x\"\n      node = cams\n    }\n    cam2 {");
        Assert.Equal(["valkka.cameras.cam1: duplicate id \"cam1\" (defined twice in the same block, lines 9 and 13)"],
            Topologies.Errors(text));
    }

    [Fact]
    public void Id_used_by_two_kinds_is_a_duplicate()
    {
        var text = Valid.Replace("c1 {", "cam1 {");
        Assert.Equal(["valkka.clients.cam1: duplicate id \"cam1\" (already used by valkka.cameras.cam1)"], Topologies.Errors(text));
    }

    [Fact]
    public void Two_nodes_on_one_port_are_reported()
    {
        Assert.Equal(["valkka.nodes.work.port: port 40001 on 127.0.0.1 is already used by node \"cams\""],
            Topologies.Errors(Topologies.Valid(40001, 40001, 40003)));
    }

    [Fact]
    public void Port_in_use_by_another_process_is_reported()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var busy = ((IPEndPoint)listener.LocalEndpoint).Port;
        var (free1, free2) = (FreeTcpPort.Pick(), FreeTcpPort.Pick());

        var errors = Topologies.Errors(Topologies.Valid(free1, busy, free2),
            new ValidationScope { CheckShmSpace = false });
        Assert.Equal([$"valkka.nodes.work.port: port {busy} on 127.0.0.1 is in use by another process"], errors);
    }

    [Fact]
    public void Port_check_covers_only_the_nodes_in_scope()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var busy = ((IPEndPoint)listener.LocalEndpoint).Port;
        var scope = new ValidationScope { CheckShmSpace = false, Nodes = ["cams"] };
        Assert.Empty(Topologies.Errors(Topologies.Valid(FreeTcpPort.Pick(), busy, FreeTcpPort.Pick()), scope));
    }

    [Fact]
    public void Analyzer_from_a_missing_assembly_is_reported()
    {
        var text = Valid.Replace(Topologies.BatchAnalyzer, "Acme.Yolo, Acme.Vision");
        Assert.Equal(["valkka.masters.m1.analyzer.type: cannot load type \"Acme.Yolo, Acme.Vision\": assembly \"Acme.Vision\" not found"],
            Topologies.Errors(text));
    }

    [Fact]
    public void Analyzer_type_missing_from_its_assembly_is_reported()
    {
        var text = Valid.Replace(Topologies.FrameAnalyzer, "Valkka.Nodes.Tests.Nope, Valkka.Nodes.Tests");
        Assert.Equal(["valkka.clients.c1.analyzer.type: cannot load type \"Valkka.Nodes.Tests.Nope, Valkka.Nodes.Tests\": assembly \"Valkka.Nodes.Tests\" has no type \"Valkka.Nodes.Tests.Nope\""],
            Topologies.Errors(text));
    }

    [Fact]
    public void Analyzer_of_the_wrong_kind_is_reported()
    {
        // A batch analyzer where a client needs a frame analyzer.
        var text = Valid.Replace(Topologies.FrameAnalyzer, Topologies.BatchAnalyzer);
        Assert.Equal([$"valkka.clients.c1.analyzer.type: type \"{Topologies.BatchAnalyzer}\" is not a concrete Valkka.Actors.Analysis.IFrameAnalyzer"],
            Topologies.Errors(text));
    }

    [Fact]
    public void Analyzer_without_a_usable_constructor_is_reported()
    {
        const string type = "Valkka.Nodes.Tests.Support.AnalyzerWithoutUsableConstructor, Valkka.Nodes.Tests";
        var text = Valid.Replace(Topologies.FrameAnalyzer, type);
        Assert.Equal([$"valkka.clients.c1.analyzer.type: type \"{type}\" has no public constructor taking (AnalyzerSettings, ILogger), (AnalyzerSettings), (ILogger) or ()"],
            Topologies.Errors(text));
    }

    [Fact]
    public void Rings_that_do_not_fit_in_dev_shm_are_reported()
    {
        var text = Valid.Replace("size = 320x240", "size = 16000x16000").Replace("ring-slots = 4", "ring-slots = 64");
        var free = RingSpace.FreeBytes("/dev/shm");
        var topology = Topologies.Load(text).Topology!;
        var needed = topology.Cameras.Sum(RingSpace.BytesFor);
        Assert.True(needed > free, "the test needs a ring bigger than /dev/shm");

        var errors = Topologies.Errors(text, new ValidationScope { CheckPorts = false });
        Assert.Equal([$"valkka.cameras: the rings need {RingSpace.Format(needed)} in /dev/shm but only {RingSpace.Format(free)} is free (cam1: 8 x 640x360, cam2: 64 x 16000x16000)"],
            errors);
    }

    [Fact]
    public void Invalid_id_is_reported()
    {
        var text = Valid.Replace("c1 {", "\"c 1\" {");
        Assert.Equal(["valkka.clients.c 1: \"c 1\" is not a valid client id (1-64 letters, digits, '-' or '_')"],
            Topologies.Errors(text));
    }

    [Fact]
    public void Syntax_error_is_reported_as_such()
    {
        var errors = Topologies.Errors("valkka { nodes { a { port = 1 } }, cameras { } }");
        var error = Assert.Single(errors);
        Assert.StartsWith("(file): HOCON syntax error at line 1, column 34: ", error);
    }

    [Fact]
    public void A_comma_after_an_object_is_named_with_its_line_and_what_to_do()
    {
        var errors = Topologies.Errors("valkka {\n  nodes {\n    a { port = 1 }, b { port = 2 }\n  }\n}");
        var error = Assert.Single(errors);
        Assert.StartsWith("(file): HOCON syntax error at line 3, column 19: ", error);
        Assert.Contains("a comma after an object is not accepted here: end the line after '}'", error);
        Assert.EndsWith("\n    a { port = 1 }, b { port = 2 }", error);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once()
    {
        var text = Valid
            .Replace("ulr", "")
            .Replace("node = boss", "node = bos")
            .Replace("master = m1", "master = m9")
            .Replace("ring-slots = 4", "ring-slots = 1")
            .Replace("threads = 2", "threads = 2\n        colour = red")
            .Replace(Topologies.BatchAnalyzer, "Acme.Yolo, Acme.Vision");
        Assert.Equal(
        [
            "valkka.cameras.cam2.ring-slots: expected an integer from 2 to 64, got \"1\"",
            "valkka.cameras.cam2.decoder.colour: unknown key (known keys: threads, loop, realtime, open-timeout, read-timeout, stall-timeout, reconnect-initial-delay, reconnect-max-delay, max-reconnect-attempts)",
            "valkka.masters.m1.node: unknown node \"bos\" (known: cams, work, boss)",
            "valkka.clients.c1.master: unknown master \"m9\" (known: m1)",
            "valkka.masters.m1.analyzer.type: cannot load type \"Acme.Yolo, Acme.Vision\": assembly \"Acme.Vision\" not found",
        ], Topologies.Errors(text));
    }
}
