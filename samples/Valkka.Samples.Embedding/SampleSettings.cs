using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Valkka.Samples.Embedding;

/// <summary>The sample's command line (--name, --duration, --change-after; seconds), read from the host's configuration.</summary>
public sealed record SampleSettings(string Name, TimeSpan Duration, TimeSpan ChangeAfter)
{
    public static SampleSettings From(IConfiguration configuration) => new(
        configuration["name"] ?? "embedding-sample",
        Seconds(configuration, "duration", 20),
        Seconds(configuration, "change-after", 6));

    private static TimeSpan Seconds(IConfiguration configuration, string key, double defaultSeconds) =>
        TimeSpan.FromSeconds(configuration[key] is { } text ? double.Parse(text.TrimEnd('s'), CultureInfo.InvariantCulture) : defaultSeconds);
}
