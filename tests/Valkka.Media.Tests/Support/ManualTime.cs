namespace Valkka.Media.Tests.Support;

/// <summary>A clock that moves only when a test says so.</summary>
internal sealed class ManualTime : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;
    public override DateTimeOffset GetUtcNow() => new(new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc).AddTicks(_ticks));
    public override long GetTimestamp() => _ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
