using Valkka.Nodes.Cli;

namespace Valkka.Nodes.Tests.Launcher;

public class DurationTextTests
{
    [Theory]
    [InlineData("10s", 10)]
    [InlineData("500ms", 0.5)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("15", 15)]
    public void Parses_durations(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1s")]
    [InlineData("0")]
    [InlineData("")]
    public void Rejects_what_is_not_a_duration(string text) => Assert.False(DurationText.TryParse(text, out _));
}
