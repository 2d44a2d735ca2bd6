using Valkka.Shm;

namespace Valkka.Actors.Tests.Support;

/// <summary>A unique topology name per test, and removal of every ring it could have left.</summary>
public sealed class TestTopology : IDisposable
{
    public TestTopology() => Name = TopologyRings.NewName();

    public string Name { get; }

    public string CameraRing(string cameraId) => RingPaths.For(Name, ActorPaths.CameraRingName(cameraId));

    public string ClientRing(string clientId) => RingPaths.For(Name, ActorPaths.DerivedRingName(clientId));

    public IEnumerable<string> RingsLeft() => TopologyRings.Left(Name);

    /// <summary>Removes what a killed process left behind (only this topology's rings).</summary>
    public void Dispose() => TopologyRings.Remove(Name);
}
