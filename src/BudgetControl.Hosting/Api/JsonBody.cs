using System.Globalization;
using System.Text.Json;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Reads a JSON object body field by field (shared by the modules whose updates are partial). Absent, null and wrong-typed fields are told apart (an update
/// changes only the fields it names, and null clears an optional one), and a wrong field is reported under
/// its JSON name instead of failing the whole body.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Reader methods are named after the JSON value they read.")]
public sealed class JsonBody
{
    private readonly JsonElement _root;
    private readonly Validation _validation;
    private readonly HashSet<string> _failed = [];

    private JsonBody(JsonElement root, Validation validation)
    {
        _root = root;
        _validation = validation;
    }

    /// <summary>The reader of <paramref name="body"/>; null (with an error) when it is not a JSON object.</summary>
    public static JsonBody? Open(JsonElement body, Validation validation)
    {
        if (body.ValueKind == JsonValueKind.Object)
        {
            return new JsonBody(body, validation);
        }
        validation.Add("body", "must be a JSON object.");
        return null;
    }

    /// <summary>True when the body names the field, even as null.</summary>
    public bool Has(string field) => _root.TryGetProperty(field, out _);

    /// <summary>True when the field was present but could not be read (already reported).</summary>
    public bool Failed(string field) => _failed.Contains(field);

    /// <summary>The field's value, or null when it is absent or JSON null.</summary>
    public JsonElement? Element(string field) =>
        _root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? String(string field)
    {
        if (Element(field) is not { } value)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString() : Fail<string>(field, "must be a string.");
    }

    /// <summary>A boolean, read as <see cref="LenientBoolean"/> reads it.</summary>
    public bool? Bool(string field)
    {
        if (Element(field) is not { } value)
        {
            return null;
        }
        return LenientBoolean.TryRead(value, out var flag) ? flag : Fail<bool?>(field, "must be true or false.");
    }

    public int? Int(string field)
    {
        if (Element(field) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }
        if (value.ValueKind == JsonValueKind.String
            && int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }
        return Fail<int?>(field, "must be a whole number.");
    }

    /// <summary>The names of the body's fields.</summary>
    public IEnumerable<string> Keys => _root.EnumerateObject().Select(p => p.Name);

    /// <summary>An exact decimal number (a JSON number, or a numeric string as the original's clients send).</summary>
    public decimal? Decimal(string field) => Element(field) is { } value ? Decimal(field, value) : null;

    public decimal? Decimal(string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }
        if (value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }
        return Fail<decimal?>(field, "must be a number.");
    }

    /// <summary>Reports <paramref name="message"/> for a present field and remembers that it failed.</summary>
    public void Reject(string field, string message)
    {
        _failed.Add(field);
        _validation.Add(field, message);
    }

    private T? Fail<T>(string field, string message)
    {
        Reject(field, message);
        return default;
    }
}
