using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyBox.WebApi.Http.Json;

/// <summary>
/// Time is UTC throughout: dates without an offset (<c>2025-12-31</c>) are read as UTC midnight, and every
/// timestamp is written as ISO 8601 in UTC (<c>2025-12-31T00:00:00Z</c>), to the microsecond at most: what PostgreSQL
/// keeps, so a resource reads back exactly as its create response showed it.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        throw new JsonException("Expected an ISO 8601 date such as 2025-12-31 or 2025-12-31T10:00:00Z.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture));
}
