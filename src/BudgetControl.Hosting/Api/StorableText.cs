using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Reads every JSON string of a request body and refuses one with a NUL character: PostgreSQL's text cannot hold it (the
/// save would fail with a 500) while SQLite would store it, so both refuse it here, as a 400 naming the field's path.
/// </summary>
internal sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"Expected a string, got {reader.TokenType}.");
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("A string must not contain NUL characters.")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
