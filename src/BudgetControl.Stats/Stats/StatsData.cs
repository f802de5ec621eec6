using System.Globalization;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Stats.Stats;

/// <summary>
/// The one place that decides which money counts in statistics: counted entries (confirmed, not planned,
/// not deleted, not excluded) on wallets and sub-categories not excluded from statistics, in the workspace
/// currency. Sums come from the aggregates through the shared reader (<see cref="EntryTotals"/>: whole months
/// from the month rows, edge days from the day rows, every range of a request in one statement), never from
/// the entries' history.
/// </summary>
internal sealed class StatsData(BudgetDbContext db, WorkspaceInfo info)
{
    public WorkspaceInfo Info => info;

    /// <summary>The rows of <paramref name="queries"/>, each restricted to what statistics count.</summary>
    public Task<List<TotalsRow>> TotalsAsync(IEnumerable<TotalsQuery> queries, CancellationToken ct) =>
        EntryTotals.ReadAsync(db, info.WorkspaceId, queries.Select(q => q with { StatsOnly = true }).ToList(), ct);

    /// <summary>Σ base amount per type of each range (in the order given).</summary>
    public async Task<List<Dictionary<EntryType, long>>> ByTypeAsync(IReadOnlyList<DayRange> ranges, CancellationToken ct)
    {
        var rows = await TotalsAsync(ranges.Select(r => new TotalsQuery(r.Start, r.End)), ct);
        return ranges.Select((_, i) => rows.Where(r => r.Query == i).GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.Sum(r => r.Total))).ToList();
    }

    /// <summary>Σ base amount per sub-category of one type, for each range (in the order given).</summary>
    public async Task<List<Dictionary<int, long>>> ByCategoryAsync(IReadOnlyList<DayRange> ranges, EntryType type, CancellationToken ct)
    {
        var rows = await TotalsAsync(ranges.Select(r => new TotalsQuery(r.Start, r.End) { By = TotalsBy.Category, Types = [type] }), ct);
        return ranges.Select((_, i) => rows.Where(r => r.Query == i).GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Sum(r => r.Total))).ToList();
    }

    /// <summary>
    /// Counted entries of <paramref name="range"/> with their own filters, for what the aggregates do not
    /// carry (labels, payment types, currencies): reads only the entries of that range.
    /// </summary>
    public IQueryable<Entry> Entries(DayRange range)
    {
        var (from, to) = range.ToUtc(info.TimeZone);
        var workspace = info.WorkspaceId;
        return db.Entries.AsNoTracking()
            .Where(e => e.WorkspaceId == workspace && e.DateTime >= from && e.DateTime < to)
            .Where(e => e.Confirmed && !e.Planned && !e.ExcludeFromStats)
            .Where(e => e.Wallet == null || !e.Wallet.ExcludeFromStats)
            .Where(e => !e.Category!.ExcludeFromStats);
    }

    /// <summary>Planned entries (confirmed, not excluded) dated in <paramref name="range"/>: one month of future rows at most.</summary>
    public IQueryable<Entry> Planned(DayRange range)
    {
        var (from, to) = range.ToUtc(info.TimeZone);
        var workspace = info.WorkspaceId;
        return db.Entries.AsNoTracking()
            .Where(e => e.WorkspaceId == workspace && e.DateTime >= from && e.DateTime < to)
            .Where(e => e.Planned && e.Confirmed && !e.ExcludeFromStats && e.Type != EntryType.Transfer)
            .Where(e => e.Wallet == null || !e.Wallet.ExcludeFromStats);
    }

    /// <summary>The workspace's live wallets with their balance in the workspace currency (null: no exchange rate).</summary>
    public async Task<List<(Wallet Wallet, long? BaseBalance)>> WalletsAsync(CancellationToken ct)
    {
        var wallets = await db.Wallets.AsNoTracking().Where(w => w.WorkspaceId == info.WorkspaceId)
            .OrderBy(w => w.Sorting).ThenBy(w => w.Id).ToListAsync(ct);
        var rates = await db.ExchangeRates.AsNoTracking().Where(r => r.WorkspaceId == info.WorkspaceId).ToDictionaryAsync(r => r.CurrencyId, r => r.Rate, ct);
        return wallets.Select(w => (w, w.CurrencyId == info.BaseCurrencyId
            ? w.Balance
            : rates.TryGetValue(w.CurrencyId, out var rate) ? MoneyFormat.Convert(w.Balance, ReferenceData.CurrencyById(w.CurrencyId)?.MinorUnits ?? 2, rate, info.BaseMinorUnits) : (long?)null)).ToList();
    }

    public decimal Money(long minor) => MoneyFormat.ToDecimal(minor, info.BaseMinorUnits);

    public static string MonthLabel(DateOnly day) => day.ToString("MMM", CultureInfo.InvariantCulture);
}

/// <summary>Stable chart colours: the same category or label always gets the same one (never random).</summary>
internal static class ChartColors
{
    private static readonly string[] Palette =
    [
        "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6", "#bcf60c", "#fabebe", "#008080",
        "#e6beff", "#9a6324", "#800000", "#aaffc3", "#808000", "#ffd8b1", "#000075", "#808080", "#ffe119", "#469990",
    ];

    public static string ForCategory(int id) => Palette[id % Palette.Length];

    /// <summary>A label's own colour when it has a valid one, otherwise one derived from its uuid.</summary>
    public static string ForLabel(Label label) =>
        label.Color is { Length: 7 } c && c[0] == '#' && c != "#000000" ? c : Palette[(int)((uint)label.Uuid.GetHashCode() % Palette.Length)];

    public const string Incoming = "#3cb44b";
    public const string Expenses = "#e6194b";
    public const string Debit = "#808080";
    public const string Savings = "#4363d8";
}
