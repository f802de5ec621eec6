using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// The one reading of booleans as the original's clients send them, in bodies and query strings alike:
/// <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c>, or those as strings (any case). Numbers in strings
/// (<c>"12.50"</c>) are left to System.Text.Json's <see cref="JsonNumberHandling.AllowReadingFromString"/>.
/// </summary>
public static class LenientBoolean
{
    public const string Expected = "must be true, false, 1 or 0.";

    /// <summary>True when <paramref name="text"/> is one of the accepted spellings.</summary>
    public static bool TryParse(string? text, out bool value)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "1" or "true":
                value = true;
                return true;
            case "0" or "false":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>The boolean of a JSON value; false when it is none of the accepted forms.</summary>
    public static bool TryRead(JsonElement element, out bool value)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                value = element.ValueKind == JsonValueKind.True;
                return true;
            case JsonValueKind.Number when element.TryGetInt32(out var n) && n is 0 or 1:
                value = n == 1;
                return true;
            case JsonValueKind.String:
                return TryParse(element.GetString(), out value);
            default:
                value = false;
                return false;
        }
    }
}

/// <summary>Binds <see cref="bool"/> with <see cref="LenientBoolean"/>; anything else is a 400, as for any wrong type. Writes plain JSON booleans.</summary>
public sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return LenientBoolean.TryRead(document.RootElement, out var value) ? value : throw new JsonException("Expected a boolean.");
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
