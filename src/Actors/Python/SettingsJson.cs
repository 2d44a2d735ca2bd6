using System.Globalization;
using System.Text.Json;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Valkka.Actors.Python;

/// <summary>
/// An analyzer's settings block as the JSON object a Python analyzer gets as a dict. HOCON keeps no
/// types, so a value that reads as true/false/on/off is a bool, one that reads as a number is a number,
/// and everything else a string; lists and blocks stay lists and dicts.
/// </summary>
internal static class SettingsJson
{
    public static string From(Config? settings)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (settings is null || settings.IsEmpty)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else WriteObject(writer, settings.Root.GetObject());
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteObject(Utf8JsonWriter writer, HoconObject obj)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in obj.Items)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, HoconValue value)
    {
        if (value.IsObject()) WriteObject(writer, value.GetObject());
        else if (value.IsArray())
        {
            writer.WriteStartArray();
            foreach (var item in value.GetArray()) WriteValue(writer, item);
            writer.WriteEndArray();
        }
        else if (value.IsEmpty) writer.WriteNullValue();
        else WriteScalar(writer, value.GetString());
    }

    private static void WriteScalar(Utf8JsonWriter writer, string text)
    {
        if (text is "true" or "on" or "yes") writer.WriteBooleanValue(true);
        else if (text is "false" or "off" or "no") writer.WriteBooleanValue(false);
        else if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) writer.WriteNumberValue(integer);
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)) writer.WriteNumberValue(number);
        else writer.WriteStringValue(text);
    }
}
