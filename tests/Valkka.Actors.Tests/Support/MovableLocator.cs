using Valkka.Actors.Topology;

namespace Valkka.Actors.Tests.Support;

/// <summary>Where a placed part runs, as the test says: nowhere until told (a placed camera or master moving).</summary>
public sealed class MovableLocator : IPartLocator
{
    public volatile string? Path;

    public string? Locate() => Path;
}
