using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetControl.Hosting.Clients;

/// <summary>
/// Reads a reference field (a wallet, goal or transfer destination) as the original clients send it:
/// our uuid as a string, a number (kept as its text, so the lookup answers 404 rather than the body 400),
/// or <c>false</c>/<c>null</c>/<c>""</c> for "none" (the web app sends <c>"transfer_id": false</c> on every
/// expense). Objects and arrays are still a 400.
/// </summary>
public sealed class LegacyReferenceConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadReference(ref reader);

    internal static string? ReadReference(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null or JsonTokenType.False => null,
        JsonTokenType.String => reader.GetString() is { Length: > 0 } text ? text : null,
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : throw new JsonException("Expected an id."),
        _ => throw new JsonException("Expected an id (a uuid string)."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}

/// <summary>The same reading of a legacy reference for a field of a partial update (<see cref="Api.Optional{T}"/>).</summary>
public sealed class LegacyOptionalReferenceConverter : JsonConverter<Api.Optional<string?>>
{
    public override bool HandleNull => true;

    public override Api.Optional<string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var start = reader;
        try
        {
            return Api.Optional<string?>.Of(LegacyReferenceConverter.ReadReference(ref reader));
        }
        catch (JsonException)
        {
            reader = start;
            reader.TrySkip();
            return Api.Optional<string?>.Invalid();
        }
    }

    public override void Write(Utf8JsonWriter writer, Api.Optional<string?> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Value, options);
}
