using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MotCua.Core.Calendar;

namespace MotCua.Web.Infrastructure;

/// <summary>
/// Reads ISO 8601 instants; one written without an offset ("2026-11-20T09:00:00", as an HTML datetime-local field sends)
/// is Vietnam time, never the server's own time zone. Writes with the value's offset.
/// </summary>
public sealed class VietnamDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !TryParse(text, out var value))
            throw new JsonException("Expected an ISO 8601 date and time.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            return false;
        value = parsed.Kind switch
        {
            DateTimeKind.Unspecified => new DateTimeOffset(parsed, WorkingCalendar.VietnamOffset),
            _ => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };
        return true;
    }
}
