using System.Net;
using System.Reflection;
using System.Text;
using Valkka.Actors.Topology;
using Valkka.Media.Sources;

namespace Valkka.Nodes.LiveView;

/// <summary>The page (page.html, embedded): one tile per camera; its script fills the tables and draws the boxes from /events.</summary>
internal static class LiveViewPage
{
    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Valkka.Nodes.LiveView.page.html")
            ?? throw new InvalidOperationException("the live view page is not embedded in the program");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static string Render(TopologyDefinition topology)
    {
        var tiles = new StringBuilder();
        foreach (var camera in topology.Cameras)
        {
            var id = WebUtility.HtmlEncode(camera.Id);
            var url = WebUtility.HtmlEncode(CameraUrl.Masked(camera.Url));
            tiles.Append($"""
                <figure class="tile" data-camera="{id}">
                  <div class="picture"><img class="live" src="stream/{Uri.EscapeDataString(camera.Id)}" alt="{id}"><svg class="boxes"></svg></div>
                  <figcaption><b>{id}</b> <span class="url">{url}</span> <span class="status"></span></figcaption>
                </figure>

                """);
        }
        return Template.Value.Replace("{{TITLE}}", WebUtility.HtmlEncode(topology.Name), StringComparison.Ordinal)
            .Replace("<!--TILES-->", tiles.ToString(), StringComparison.Ordinal);
    }
}
