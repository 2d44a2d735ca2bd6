namespace Valkka.Shm.Tests;

/// <summary>
/// Tests that sweep /dev/shm, or fake a dead owner that a sweep would remove, run one after another
/// so a sweep never removes another test's ring mid-test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SweepCollection
{
    public const string Name = "sweeps /dev/shm";
}
