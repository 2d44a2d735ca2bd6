using Valkka.Media.Sources;

namespace Valkka.Media.Tests;

public sealed class ReconnectPolicyTests
{
    [Fact]
    public void DelaysDoubleUpToTheCap()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3), null);
        var delays = Enumerable.Range(0, 6).Select(_ => { policy.TryNextDelay(out var d); return d.TotalMilliseconds; });
        Assert.Equal([500, 1000, 2000, 3000, 3000, 3000], delays);
    }

    [Fact]
    public void AttemptsRunOutWhenLimited()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 2);
        Assert.True(policy.TryNextDelay(out _));
        Assert.True(policy.TryNextDelay(out _));
        Assert.False(policy.TryNextDelay(out _));
        Assert.Equal(2, policy.Attempts);
    }

    [Fact]
    public void ResetStartsOverFromTheInitialDelay()
    {
        var policy = new ReconnectPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), 3);
        policy.TryNextDelay(out _);
        policy.TryNextDelay(out _);
        policy.Reset();
        Assert.True(policy.TryNextDelay(out var d));
        Assert.Equal(TimeSpan.FromMilliseconds(100), d);
        Assert.Equal(1, policy.Attempts);
    }
}
