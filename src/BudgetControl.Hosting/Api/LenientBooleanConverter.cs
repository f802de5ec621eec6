using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Reads booleans as the original clients send them: <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c> or
/// <c>"true"</c>/<c>"1"</c>. Anything else is a 400, as for any wrong type. Writes plain JSON booleans.
/// </summary>
public sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Number when reader.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
        JsonTokenType.String => reader.GetString() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new JsonException("Expected a boolean."),
        },
        _ => throw new JsonException("Expected a boolean."),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
