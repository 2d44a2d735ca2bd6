using Valkka.Media.Decoding;
using Valkka.Nodes.Node;
using Valkka.Nodes.Tests.Support;

namespace Valkka.Nodes.Tests.Topology;

/// <summary>A client's fps and camera-fps, a camera's decode: read, handed to the actors, and their errors.</summary>
public class RateKeyTests
{
    private static string WithClientKeys(string keys) => Topologies.Valid().Replace("master = m1", "master = m1\n      " + keys);

    [Fact]
    public void Absent_rates_mean_every_frame_and_decode_defaults_to_auto()
    {
        var t = Topologies.Load(Topologies.Valid()).Topology!;
        var c1 = t.Clients[0];
        Assert.Null(c1.Fps);
        Assert.Null(c1.FpsOf("cam1"));
        Assert.Equal(DecodeMode.Auto, t.Camera("cam1").Decode);
        Assert.Equal(DecodeMode.Auto, AkkaNodeRuntime.DecoderOptionsFor(t.Camera("cam1")).Decode);
    }

    [Fact]
    public void A_client_rate_applies_to_every_camera_unless_camera_fps_names_it()
    {
        var result = Topologies.Load(WithClientKeys("fps = 5\n      camera-fps { cam2 = 0.5 }"));
        Assert.Empty(result.Errors);
        var c1 = result.Topology!.Clients[0];
        Assert.Equal(5, c1.Fps);
        Assert.Equal(5, c1.FpsOf("cam1"));
        Assert.Equal(0.5, c1.FpsOf("cam2"));
    }

    [Theory]
    [InlineData("all", DecodeMode.All)]
    [InlineData("reference", DecodeMode.Reference)]
    [InlineData("keyframes", DecodeMode.Keyframes)]
    [InlineData("auto", DecodeMode.Auto)]
    public void Camera_decode_reaches_the_decoder_options(string text, DecodeMode mode)
    {
        var t = Topologies.Load(Topologies.Valid().Replace("ring-slots = 4", "ring-slots = 4\n      decode = " + text)).Topology!;
        Assert.Equal(mode, AkkaNodeRuntime.DecoderOptionsFor(t.Camera("cam2")).Decode);
    }

    [Theory]
    [InlineData("fps = 0", "valkka.clients.c1.fps: expected a number above 0 (e.g. 5 or 0.5), got \"0\"")]
    [InlineData("fps = fast", "valkka.clients.c1.fps: expected a number above 0 (e.g. 5 or 0.5), got \"fast\"")]
    [InlineData("camera-fps { cam2 = -1 }", "valkka.clients.c1.camera-fps.cam2: expected a number above 0 (e.g. 5 or 0.5), got \"-1\"")]
    [InlineData("camera-fps { cam9 = 1 }", "valkka.clients.c1.camera-fps.cam9: \"cam9\" is not one of this client's cameras (cam1, cam2)")]
    [InlineData("camera-fps = 5", "valkka.clients.c1.camera-fps: expected an object { ... }, got \"5\"")]
    public void Bad_rates_name_the_key(string keys, string error)
    {
        Assert.Equal([error], Topologies.Errors(WithClientKeys(keys)));
    }

    [Fact]
    public void Unknown_decode_level_names_the_four_levels()
    {
        var text = Topologies.Valid().Replace("ring-slots = 4", "ring-slots = 4\n      decode = bframes");
        Assert.Equal(["valkka.cameras.cam2.decode: must be auto, all, reference or keyframes, got \"bframes\""], Topologies.Errors(text));
    }
}
