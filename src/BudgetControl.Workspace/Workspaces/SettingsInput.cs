using System.Globalization;
using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Reference;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;

namespace BudgetControl.Workspace.Workspaces;

/// <summary>
/// Reads the loosely typed settings fields of the original API (a currency is an id, a numeric string or
/// an ISO code) and reports what is wrong under the field's JSON name.
/// </summary>
internal static class SettingsInput
{
    public const string DefaultTimeZone = "UTC";
    public const string DefaultLocale = "en";
    private const int TimeZoneMaxLength = 64;
    private const int LocaleMaxLength = 35;

    public static bool IsGiven(JsonElement? value) => value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    /// <summary>The currency named by <paramref name="value"/>, or <paramref name="fallbackId"/> when absent; null (with an error) when unknown.</summary>
    public static async Task<Currency?> CurrencyAsync(BudgetDbContext db, JsonElement? value, int fallbackId, Validation validation, string field, CancellationToken ct)
    {
        Currency? currency = null;
        if (!IsGiven(value))
        {
            currency = ReferenceData.CurrencyById(fallbackId);
        }
        else if (TryId(value!.Value, out var id))
        {
            currency = ReferenceData.CurrencyById(id);
        }
        else if (value.Value.ValueKind == JsonValueKind.String && value.Value.GetString()?.Trim() is { Length: 3 } code)
        {
            currency = ReferenceData.CurrencyByCode(code.ToUpperInvariant());
        }
        if (currency is null)
        {
            validation.Add(field, "must be a known currency id or ISO 4217 code.");
        }
        return currency;
    }

    /// <summary>The payment type id named by <paramref name="value"/> (id or slug), or <paramref name="fallbackId"/> when absent; null (with an error) when unknown.</summary>
    public static async Task<int?> PaymentTypeAsync(BudgetDbContext db, JsonElement? value, int fallbackId, Validation validation, string field, CancellationToken ct)
    {
        int? found = null;
        if (!IsGiven(value))
        {
            found = fallbackId;
        }
        else if (TryId(value!.Value, out var id))
        {
            found = ReferenceData.PaymentTypeById(id)?.Id;
        }
        else if (value.Value.ValueKind == JsonValueKind.String && value.Value.GetString()?.Trim() is { Length: > 0 } slug)
        {
            var lower = slug.ToLowerInvariant();
            found = ReferenceData.PaymentTypes.FirstOrDefault(p => p.Slug == lower)?.Id;
        }
        if (found is null)
        {
            validation.Add(field, "must be a known payment type id.");
        }
        return found;
    }

    /// <summary>The IANA id of the time zone <paramref name="value"/> names; null (with an error) when unknown.</summary>
    public static string? TimeZone(string value, Validation validation, string field)
    {
        var text = value.Trim();
        if (text.Length is > 0 and <= TimeZoneMaxLength && TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone))
        {
            // A Windows id is accepted too, but stored as its IANA equivalent.
            if (zone.HasIanaId)
            {
                return zone.Id;
            }
            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana))
            {
                return iana;
            }
        }
        validation.Add(field, "must be an IANA time zone id such as \"Europe/Rome\" or \"UTC\".");
        return null;
    }

    /// <summary>The canonical name of the culture <paramref name="value"/> names; null (with an error) when unknown.</summary>
    public static string? Locale(string value, Validation validation, string field)
    {
        var text = value.Trim();
        if (text.Length is > 0 and <= LocaleMaxLength)
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(text, predefinedOnly: true);
                if (culture.Name.Length > 0)
                {
                    return culture.Name;
                }
            }
            catch (CultureNotFoundException)
            {
                // Reported below like any other unknown locale.
            }
        }
        validation.Add(field, "must be a known locale such as \"en\" or \"it-IT\".");
        return null;
    }

    /// <summary>
    /// An exact decimal amount in minor units of a currency with <paramref name="minorUnits"/> digits;
    /// null (with an error) when it has more decimals than the currency allows or does not fit.
    /// </summary>
    public static long? MinorUnits(decimal amount, int minorUnits, Validation validation, string field)
    {
        var factor = 1m;
        for (var i = 0; i < minorUnits; i++)
        {
            factor *= 10m;
        }
        if (decimal.Abs(amount) > long.MaxValue / factor)
        {
            validation.Add(field, "is too large.");
            return null;
        }
        var scaled = amount * factor;
        if (scaled != decimal.Truncate(scaled))
        {
            validation.Add(field, $"must have at most {minorUnits} decimal digits for this currency.");
            return null;
        }
        return (long)scaled;
    }

    private static bool TryId(JsonElement value, out int id)
    {
        id = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out id),
            JsonValueKind.String => int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out id),
            _ => false,
        };
    }
}
