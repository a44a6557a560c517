using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyBox.WebApi.Http.Json;

/// <summary>
/// Reads identifiers that real clients send either as strings or as numbers (<c>"product_id": 12</c>), so an
/// unmodified client is not refused over a JSON type it never thought about. Writes strings.
/// </summary>
public sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => throw new JsonException("Expected a string."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
