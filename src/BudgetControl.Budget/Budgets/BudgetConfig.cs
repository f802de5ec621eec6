using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Data.Entities;

namespace BudgetControl.Budget.Budgets;

/// <summary>The periods a budget can have: a repeating calendar unit, or one range of days.</summary>
internal enum BudgetPeriod
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
    OneShot,
}

/// <summary>
/// What the <c>budgets.configuration</c> column holds (JSON): the period and the filters. Wallets and labels
/// are kept by uuid (what the API shows), sub-categories by their reference id, types by name.
/// <see cref="IncludePlanned"/>: the period's planned (future-dated, confirmed) entries count as spent too;
/// absent in budgets saved before it existed, which therefore keep counting only what has happened.
/// </summary>
internal sealed record BudgetConfig(
    string Period,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    List<Guid> Accounts,
    List<int> Categories,
    List<Guid> Tags,
    List<string> Types,
    List<int> Thresholds,
    bool IncludePlanned = false)
{
    public static readonly int[] DefaultThresholds = [70, 90, 100];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static BudgetConfig Read(string json) =>
        JsonSerializer.Deserialize<BudgetConfig>(json, Json) ?? new BudgetConfig("monthly", null, null, [], [], [], [], [.. DefaultThresholds]);

    public string Write() => JsonSerializer.Serialize(this, Json);

    public BudgetPeriod PeriodKind => PeriodNames.Parse(Period) ?? BudgetPeriod.Monthly;

    /// <summary>The entry types that count; none listed means incomes, expenses and debits (never transfers or savings unless listed).</summary>
    public EntryType[] CountedTypes() =>
        Types.Count == 0
            ? [EntryType.Expenses, EntryType.Incoming, EntryType.Debit]
            : Types.Select(t => EnumNames.TryParse(t, out EntryType type) ? type : (EntryType?)null).OfType<EntryType>().ToArray();

    /// <summary>
    /// The days of the period that contains <paramref name="today"/> (local, end included): today; the ISO week
    /// (Monday to Sunday, also across New Year); the calendar month or year; or the one-shot range itself.
    /// </summary>
    public (DateOnly Start, DateOnly End) Window(DateOnly today)
    {
        switch (PeriodKind)
        {
            case BudgetPeriod.Daily:
                return (today, today);
            case BudgetPeriod.Weekly:
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                return (monday, monday.AddDays(6));
            case BudgetPeriod.Yearly:
                return (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
            case BudgetPeriod.OneShot:
                return (PeriodStart ?? today, PeriodEnd ?? today);
            default:
                var first = new DateOnly(today.Year, today.Month, 1);
                return (first, first.AddMonths(1).AddDays(-1));
        }
    }
}

internal static class PeriodNames
{
    public const string Allowed = "daily, weekly, monthly, yearly, one-shot";

    /// <summary>A period name; the original's <c>recursively</c>, <c>one_shot</c> and <c>once-shot</c> are the one-shot range.</summary>
    public static BudgetPeriod? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "daily" => BudgetPeriod.Daily,
        "weekly" => BudgetPeriod.Weekly,
        "monthly" => BudgetPeriod.Monthly,
        "yearly" => BudgetPeriod.Yearly,
        "one-shot" or "one_shot" or "once-shot" or "oneshot" or "recursively" => BudgetPeriod.OneShot,
        _ => null,
    };

    public static string Name(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Daily => "daily",
        BudgetPeriod.Weekly => "weekly",
        BudgetPeriod.Yearly => "yearly",
        BudgetPeriod.OneShot => "one-shot",
        _ => "monthly",
    };
}
