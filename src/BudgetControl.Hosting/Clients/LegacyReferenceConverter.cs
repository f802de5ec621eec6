using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetControl.Hosting.Clients;

/// <summary>
/// Reads a reference field (a wallet, goal or transfer destination) of a request as the original clients
/// send it: our uuid as a string, a number (kept as its text, so the lookup answers 404 rather than a 400),
/// or <c>false</c>/<c>null</c>/<c>""</c> for "none" (the web app sends <c>"transfer_id": false</c> on every
/// expense). Objects and arrays are a value of the wrong type, reported under the field's name
/// (<see cref="Api.Optional{T}.Check"/>). Every request reads such fields as <see cref="Api.Optional{T}"/> of string.
/// </summary>
public sealed class LegacyOptionalReferenceConverter : JsonConverter<Api.Optional<string?>>
{
    public override bool HandleNull => true;

    private static string? ReadReference(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null or JsonTokenType.False => null,
        JsonTokenType.String => reader.GetString() is { Length: > 0 } text ? text : null,
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : throw new JsonException("Expected an id."),
        _ => throw new JsonException("Expected an id (a uuid string)."),
    };

    public override Api.Optional<string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var start = reader;
        try
        {
            return Api.Optional<string?>.Of(ReadReference(ref reader));
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
