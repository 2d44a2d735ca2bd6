using Akka.Actor;
using Akka.Configuration;
using Valkka.Actors.Clients;
using Valkka.Actors.LiveView;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// A feed per camera of the running topology (cameras is asked each time: a live change adds and
/// removes cameras); while a feed has watchers a <see cref="PictureReaderActor"/> subscribes to its
/// camera at <see cref="LiveViewSettings.Fps"/> and publishes JPEGs of <see cref="LiveViewSettings.Width"/> pixels into it.
/// </summary>
internal sealed class PictureFeeds(ActorSystem system, string topology, Func<IReadOnlyList<CameraAddress>> cameras, LiveViewSettings settings)
    : IPictureSink
{
    private readonly Dictionary<string, PictureFeed> _feeds = new(StringComparer.Ordinal);
    private int _started;

    public IEnumerable<PictureFeed> All
    {
        get
        {
            var now = cameras();
            return now.Select(c => Get(c.CameraId)).OfType<PictureFeed>().ToList();
        }
    }

    /// <summary>The camera's feed, made at its first use; null when the running topology has no such camera.</summary>
    public PictureFeed? Get(string cameraId)
    {
        lock (_feeds)
        {
            if (_feeds.TryGetValue(cameraId, out var feed)) return feed;
            if (cameras().FirstOrDefault(c => c.CameraId == cameraId) is not { } camera) return null;
            IActorRef? reader = null;
            var client = new ClientSettings(topology, "view-" + camera.CameraId, [camera with { Fps = settings.Fps }],
                "", Config.Empty, null, Credit: 1) { Fps = settings.Fps };
            return _feeds[cameraId] = new PictureFeed(camera.CameraId,
                start: () => reader = system.ActorOf(PictureReaderActor.Props(client, settings.Width, this),
                    $"view-{camera.CameraId}-{Interlocked.Increment(ref _started)}"),
                stop: () => reader?.Tell(PoisonPill.Instance));
        }
    }

    /// <summary>Browsers watching any camera.</summary>
    public int Watchers
    {
        get { lock (_feeds) return _feeds.Values.Sum(f => f.Watchers); }
    }

    public void Publish(LivePicture picture) => Get(picture.CameraId)?.Publish(picture);
}
