
namespace Valkka.Actors.LiveView;

/// <summary>Where a <see cref="PictureReaderActor"/> puts each picture it encodes (called on the actor's thread).</summary>
public interface IPictureSink
{
    void Publish(LivePicture picture);
}
