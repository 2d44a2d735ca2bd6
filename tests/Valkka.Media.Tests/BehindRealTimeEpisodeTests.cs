using Valkka.Media.Decoding;
using Valkka.Media.Pacing;
using Valkka.Media.Tests.Support;

namespace Valkka.Media.Tests;

/// <summary>An episode behind real time begins at a skip and ends only after the session has kept up for a while.</summary>
public sealed class BehindRealTimeEpisodeTests
{
    private readonly DecoderStats _stats = new();
    private readonly ManualTime _time = new();
    private readonly BehindRealTime _behind;

    public BehindRealTimeEpisodeTests() => _behind = new BehindRealTime(_stats, _time);

    private DateTimeOffset? Since => _stats.Snapshot().BehindSince;

    [Fact]
    public void An_episode_begins_at_a_skip_and_a_later_skip_is_the_same_episode()
    {
        Assert.Null(Since);
        _behind.Skipped();
        var since = Since;
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), since?.ToUnixTimeMilliseconds());
        _time.Advance(TimeSpan.FromSeconds(3));
        _behind.Read(0.8, 1);
        _behind.Skipped();
        Assert.Equal(since, Since);
    }

    [Fact]
    public void An_episode_ends_when_the_session_has_kept_real_time_for_the_settle_time()
    {
        _behind.Skipped();
        _behind.Read(0.05, 1);
        _time.Advance(TimeSpan.FromSeconds(BehindRealTime.SettleSeconds - 0.1));
        _behind.Read(0.05, 1);
        Assert.NotNull(Since);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        _behind.Read(0.05, 1);
        Assert.Null(Since);
    }

    [Fact]
    public void A_late_read_starts_the_settle_time_again()
    {
        _behind.Skipped();
        _behind.Read(0.05, 1);
        _time.Advance(TimeSpan.FromSeconds(4));
        _behind.Read(0.6, 1);   // more than a quarter of the keyframe interval late
        _behind.Read(0.05, 1);
        _time.Advance(TimeSpan.FromSeconds(BehindRealTime.SettleSeconds - 0.1));
        _behind.Read(0.05, 1);
        Assert.NotNull(Since);
    }
}
