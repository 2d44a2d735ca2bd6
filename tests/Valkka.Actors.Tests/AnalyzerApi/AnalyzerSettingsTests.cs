using Valkka.Actors.Analysis;

namespace Valkka.Actors.Tests.AnalyzerApi;

public class AnalyzerSettingsTests
{
    private static readonly AnalyzerSettings Settings = AnalyzerSettings.Parse("""
        threshold = 0.25
        size = 128
        enabled = off
        wait = 20ms
        name = front
        labels = [person, car]
        model { file = "blaze.onnx", threads = 2 }
        """);

    [Fact]
    public void Typed_getters_read_values_and_fall_back_to_defaults()
    {
        Assert.Equal(0.25, Settings.GetDouble("threshold", 1));
        Assert.Equal(128, Settings.GetInt("size", 0));
        Assert.False(Settings.GetBool("enabled", true));
        Assert.Equal(TimeSpan.FromMilliseconds(20), Settings.GetDuration("wait", TimeSpan.Zero));
        Assert.Equal("front", Settings.GetString("name", ""));
        Assert.Equal(["person", "car"], Settings.GetStringList("labels", []));
        Assert.Equal(2, Settings.Section("model").GetInt("threads", 1));
        Assert.Equal(2, Settings.GetInt("model.threads", 1));
        Assert.Equal(7, Settings.GetInt("absent", 7));
        Assert.Equal(7, AnalyzerSettings.Empty.GetInt("size", 7));
        Assert.False(Settings.Section("absent").Has("x"));
    }

    [Theory]
    [InlineData("name", "an integer")]
    [InlineData("threshold", "an integer")]
    [InlineData("model", "a single value")]
    public void A_value_of_the_wrong_type_names_the_key(string key, string expected)
    {
        var e = Assert.Throws<AnalyzerSettingsException>(() => Settings.GetInt(key, 0));
        Assert.StartsWith($"analyzer setting \"{key}\": expected {expected}, got", e.Message);
    }

    [Fact]
    public void Not_a_number_a_bool_or_a_duration_names_the_key()
    {
        Assert.Contains("\"name\": expected a number", Assert.Throws<AnalyzerSettingsException>(() => Settings.GetDouble("name", 0)).Message);
        Assert.Contains("\"size\": expected true or false", Assert.Throws<AnalyzerSettingsException>(() => Settings.GetBool("size", false)).Message);
        Assert.Contains("\"name\": expected a duration", Assert.Throws<AnalyzerSettingsException>(() => Settings.GetDuration("name", TimeSpan.Zero)).Message);
        Assert.Contains("\"size\": expected a list", Assert.Throws<AnalyzerSettingsException>(() => Settings.GetStringList("size", [])).Message);
    }
}
