using System.Globalization;
using System.Text.Json;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Lists in a JSON body (filters of POST bodies such as the statistics table and search, a budget's configuration): absent,
/// null and empty all mean "no filter" (null); anything else than a list of the right ids is reported
/// into <see cref="Validation"/> under the field's JSON name.
/// </summary>
public static class BodyLists
{
    /// <summary>A list of integer ids (numbers or numeric strings).</summary>
    public static List<int>? Ints(JsonElement? value, string field, Validation validation)
    {
        if (Items(value, field, "must be a list of ids.", validation) is not { } items)
        {
            return null;
        }
        var ids = new List<int>();
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var n)
                || item.ValueKind == JsonValueKind.String && int.TryParse(item.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n))
            {
                ids.Add(n);
            }
            else
            {
                validation.Add(field, "must be a list of integer ids.");
                return null;
            }
        }
        return ids.Count == 0 ? null : ids;
    }

    /// <summary>
    /// A list of uuids (the <c>id</c> the clients hold), or of objects carrying one as <c>uuid</c> or <c>id</c>
    /// (the original clients send picked rows back whole).
    /// </summary>
    public static List<Guid>? Uuids(JsonElement? value, string field, Validation validation)
    {
        if (Items(value, field, "must be a list of uuids.", validation) is not { } items)
        {
            return null;
        }
        var ids = new List<Guid>();
        foreach (var item in items)
        {
            var text = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object when item.TryGetProperty("uuid", out var u) && u.ValueKind == JsonValueKind.String => u.GetString(),
                JsonValueKind.Object when item.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String => i.GetString(),
                _ => null,
            };
            if (Guid.TryParse(text, out var id))
            {
                ids.Add(id);
            }
            else
            {
                validation.Add(field, "must be a list of uuids.");
                return null;
            }
        }
        return ids.Count == 0 ? null : ids;
    }

    /// <summary>
    /// A list of strings (names, enum values, addresses), trimmed. Blank items are dropped rather than refused: the
    /// original clients send an empty input field as <c>""</c> (a budget's <c>emails: [""]</c>).
    /// </summary>
    public static List<string>? Strings(JsonElement? value, string field, Validation validation)
    {
        if (Items(value, field, "must be a list of strings.", validation) is not { } items)
        {
            return null;
        }
        var texts = new List<string>();
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                if (item.GetString()!.Trim() is { Length: > 0 } text)
                {
                    texts.Add(text);
                }
            }
            else
            {
                validation.Add(field, "must be a list of strings.");
                return null;
            }
        }
        return texts.Count == 0 ? null : texts;
    }

    private static List<JsonElement>? Items(JsonElement? value, string field, string message, Validation validation)
    {
        if (value is { ValueKind: JsonValueKind.Array } array)
        {
            return array.EnumerateArray().ToList();
        }
        if (value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            validation.Add(field, message);
        }
        return null;
    }
}
