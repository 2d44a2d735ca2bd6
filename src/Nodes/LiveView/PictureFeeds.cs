using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Clients;
using Valkka.Actors.LiveView;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// A feed per camera; while a feed has watchers a <see cref="PictureReaderActor"/> subscribes to its
/// camera at <see cref="LiveViewSettings.Fps"/> and publishes JPEGs of <see cref="LiveViewSettings.Width"/> pixels into it.
/// </summary>
internal sealed class PictureFeeds : IPictureSink
{
    private readonly Dictionary<string, PictureFeed> _feeds = new(StringComparer.Ordinal);
    private int _started;

    public PictureFeeds(ActorSystem system, string topology, IEnumerable<CameraAddress> cameras, LiveViewSettings settings)
    {
        foreach (var camera in cameras)
        {
            IActorRef? reader = null;
            var client = new ClientSettings(topology, "view-" + camera.CameraId, [camera with { Fps = settings.Fps }],
                "", Config.Empty, null, Credit: 1) { Fps = settings.Fps };
            _feeds[camera.CameraId] = new PictureFeed(camera.CameraId,
                start: () => reader = system.ActorOf(PictureReaderActor.Props(client, settings.Width, this),
                    $"view-{camera.CameraId}-{Interlocked.Increment(ref _started)}"),
                stop: () => reader?.Tell(PoisonPill.Instance));
        }
    }

    public IEnumerable<PictureFeed> All => _feeds.Values;

    public PictureFeed? Get(string cameraId) => _feeds.GetValueOrDefault(cameraId);

    /// <summary>Browsers watching any camera.</summary>
    public int Watchers => _feeds.Values.Sum(f => f.Watchers);

    public void Publish(LivePicture picture) => Get(picture.CameraId)?.Publish(picture);
}
