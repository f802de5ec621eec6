using System.Text;
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
    public static bool TryParse(string? text, out bool value) => TryParse(text.AsSpan(), out value);

    /// <summary>True when <paramref name="text"/> is one of the accepted spellings: surrounding white space and the case of ASCII letters do not matter.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out bool value)
    {
        var trimmed = text.Trim();
        if (trimmed is "1" || Ascii.EqualsIgnoreCase(trimmed, "true"))
        {
            value = true;
            return true;
        }
        value = false;
        return trimmed is "0" || Ascii.EqualsIgnoreCase(trimmed, "false");
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

/// <summary>
/// Binds <see cref="bool"/> with <see cref="LenientBoolean"/> (the forms of <see cref="LenientBoolean.TryRead"/>), from the
/// reader's token, without a copy of the value; anything else is a 400, as for any wrong type. Writes plain JSON booleans.
/// </summary>
public sealed class LenientBooleanConverter : JsonConverter<bool>
{
    // Longer than any accepted spelling with a little white space around it; a longer string is read as a string.
    private const int ShortString = 32;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Number when reader.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            JsonTokenType.String when TryReadString(ref reader, out var value) => value,
            // An object or an array is left unread: the failure ends the body's reading (or Optional skips it).
            _ => throw new JsonException("Expected a boolean."),
        };

    private static bool TryReadString(ref Utf8JsonReader reader, out bool value)
    {
        // The escaped UTF-8 length bounds the unescaped UTF-16 length.
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > ShortString)
        {
            return LenientBoolean.TryParse(reader.GetString(), out value);
        }
        Span<char> text = stackalloc char[ShortString];
        return LenientBoolean.TryParse(text[..reader.CopyString(text)], out value);
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
