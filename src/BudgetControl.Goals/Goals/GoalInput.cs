using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;

namespace BudgetControl.Goals.Goals;

/// <summary>Reads and checks the fields of goal requests; each problem is reported under the field's JSON name.</summary>
internal static class GoalInput
{
    public const int NameMaxLength = 255;
    public const int DescriptionMaxLength = 2000;
    public const int IconMaxLength = 255;

    /// <summary>What a field that may be cleared with null must otherwise be.</summary>
    public const string StringOrNull = "must be a string or null.";

    private static readonly string StatusNames = string.Join(", ", Enum.GetValues<GoalStatus>().Select(s => s.Name()));

    /// <summary>The target in minor units of the base currency: positive and exact for that currency.</summary>
    public static long? Amount(decimal? amount, WorkspaceInfo workspace, Validation validation)
    {
        if (amount is null)
        {
            validation.Add("amount", "is required.");
            return null;
        }
        if (amount <= 0)
        {
            validation.Add("amount", "must be greater than 0.");
            return null;
        }
        if (!MoneyFormat.TryToMinor(amount.Value, workspace.BaseMinorUnits, out var minor))
        {
            validation.Add("amount", $"must be an exact amount of {workspace.BaseCurrencyCode} (at most {workspace.BaseMinorUnits} decimals).");
            return null;
        }
        return minor;
    }

    /// <summary>A goal status; <c>deleted</c> of the original is not a status here (deleting is <c>DELETE</c>).</summary>
    public static GoalStatus? Status(string text, Validation validation)
    {
        if (EnumNames.TryParse(text.Trim(), out GoalStatus status))
        {
            return status;
        }
        validation.Add("status", $"must be one of: {StatusNames}.");
        return null;
    }

    /// <summary>
    /// A calendar date in any form of the shared parser (<see cref="Hosting.Clients.ClientDates"/>): "yyyy-MM-dd",
    /// "yyyy-MM-dd HH:mm:ss" (time dropped), or a JavaScript ISO instant read as the day it is in the workspace's zone.
    /// </summary>
    public static DateOnly? DueDate(string? text, TimeZoneInfo zone, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Hosting.Clients.ClientDates.TryParseDay(text, zone, out var value))
        {
            return value;
        }
        validation.Add("due_date", "must be a date such as \"2026-08-31\".");
        return null;
    }

    /// <summary>Optional free text: trimmed, empty means none.</summary>
    public static string? Text(string? text, string field, int maxLength, Validation validation)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        validation.MaxLength(field, trimmed, maxLength);
        return trimmed;
    }
}
