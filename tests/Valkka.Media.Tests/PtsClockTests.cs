using Valkka.Media.Pacing;

namespace Valkka.Media.Tests;

public sealed class PtsClockTests
{
    private const long T0 = 1_700_000_000_000;

    [Fact]
    public void FirstPtsMapsToArrivalAndLaterOnesFollowPtsDeltas()
    {
        var clock = new PtsClock(1, 90_000);
        Assert.Equal(T0, clock.ToWallMs(1000, T0));
        Assert.Equal(T0 + 40, clock.ToWallMs(1000 + 3600, T0 + 55));      // jittery arrival, steady pts
        Assert.Equal(T0 + 80, clock.ToWallMs(1000 + 7200, T0 + 70));
    }

    [Fact]
    public void MissingPtsFallsBackToArrival()
    {
        var clock = new PtsClock(1, 90_000);
        Assert.Equal(T0 + 5, clock.ToWallMs(PtsClock.NoPts, T0 + 5));
    }

    [Fact]
    public void PtsGoingBackwardsRemapsToArrival()
    {
        var clock = new PtsClock(1, 1000);
        clock.ToWallMs(5000, T0);
        Assert.Equal(T0 + 100, clock.ToWallMs(0, T0 + 100));               // e.g. a looped file
        Assert.Equal(T0 + 140, clock.ToWallMs(40, T0 + 150));
    }

    [Fact]
    public void PtsJumpFarFromArrivalRemaps()
    {
        var clock = new PtsClock(1, 1000, maxDriftMs: 3000);
        clock.ToWallMs(0, T0);
        Assert.Equal(T0 + 40, clock.ToWallMs(3_600_000, T0 + 40));         // an hour ahead: discontinuity
    }

    [Fact]
    public void ResetForgetsTheMapping()
    {
        var clock = new PtsClock(1, 1000);
        clock.ToWallMs(0, T0);
        clock.Reset();
        Assert.Equal(T0 + 500, clock.ToWallMs(40, T0 + 500));
    }
}
