using System.Globalization;
using System.Text.Json.Serialization;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;
using BudgetRow = BudgetControl.Data.Entities.Budget;

namespace BudgetControl.Budget.Budgets;

internal sealed record BudgetConfigurationResponse(
    string Period, DateOnly? PeriodStart, DateOnly? PeriodEnd, List<Guid> Accounts, List<int> Categories, List<Guid> Tags, List<string> Types,
    bool IncludePlanned);

/// <summary>A budget as the API shows it: <c>amount</c> an exact decimal of the workspace currency.</summary>
internal sealed record BudgetResponse(
    Guid Uuid, string Name, string? Description, decimal Amount, BudgetConfigurationResponse Configuration, bool Notification,
    List<string> Emails, List<int> Thresholds, int Version, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

/// <summary>
/// A budget's figures in the shape of the original's BudgetStats (camelCase keys, percentages as strings
/// such as <c>"6.15%"</c>), plus what the original lacked: the period, <c>exceeded</c>, <c>expired</c> and
/// the thresholds reached.
/// </summary>
internal sealed record BudgetStats(
    [property: JsonPropertyName("total")] decimal Total,
    [property: JsonPropertyName("totalSpent")] decimal TotalSpent,
    [property: JsonPropertyName("totalRemaining")] decimal TotalRemaining,
    [property: JsonPropertyName("totalSpentPercentage")] string TotalSpentPercentage,
    [property: JsonPropertyName("totalRemainingPercentage")] string TotalRemainingPercentage,
    [property: JsonPropertyName("spent_percentage")] decimal SpentPercentage,
    [property: JsonPropertyName("exceeded")] bool Exceeded,
    [property: JsonPropertyName("expired")] bool Expired,
    [property: JsonPropertyName("exceeded_thresholds")] List<int> ExceededThresholds,
    [property: JsonPropertyName("period")] BudgetWindow Period,
    [property: JsonPropertyName("budget")] BudgetResponse Budget);

internal sealed record BudgetWindow(DateOnly Start, DateOnly End);

internal static class BudgetMapping
{
    public static BudgetResponse ToResponse(this BudgetRow budget, WorkspaceInfo info)
    {
        var c = BudgetConfig.Read(budget.Configuration);
        return new BudgetResponse(budget.Uuid, budget.Name, budget.Description, MoneyFormat.ToDecimal(budget.Amount, info.BaseMinorUnits),
            new BudgetConfigurationResponse(c.Period, c.PeriodStart, c.PeriodEnd, c.Accounts, c.Categories, c.Tags, c.Types, c.IncludePlanned),
            budget.Notification, Emails(budget), c.Thresholds, budget.Version, budget.CreatedAt, budget.UpdatedAt, budget.DeletedAt);
    }

    public static List<string> Emails(BudgetRow budget) =>
        string.IsNullOrEmpty(budget.Emails) ? [] : [.. budget.Emails.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

/// <summary>
/// What a budget has spent in its current period: Σ base amount of the counted entries (confirmed, not
/// planned, not deleted, not excluded) of its types, wallets and sub-categories, read from the daily
/// aggregates. A label filter is not in the aggregates: then the period's entries are read, with their labels.
/// With <c>include_planned</c> the period's planned entries (confirmed, not excluded) are added, read from
/// the entries: they are not in the aggregates, and they are few (future-dated rows of one period).
/// </summary>
internal sealed class BudgetFigures(BudgetDbContext db, WorkspaceInfo info, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, info.TimeZone));

    public async Task<BudgetStats> StatsAsync(BudgetRow budget, CancellationToken ct) => (await StatsAsync([budget], ct))[0];

    /// <summary>
    /// The stats of several budgets with few queries: the wallet ids once, then one read of the aggregates
    /// per distinct period window (grouped by wallet, sub-category and type), each budget summed in memory;
    /// only label budgets read their period's entries.
    /// </summary>
    public async Task<List<BudgetStats>> StatsAsync(IReadOnlyList<BudgetRow> budgets, CancellationToken ct)
    {
        var today = Today;
        var configs = budgets.Select(b => (Budget: b, Config: BudgetConfig.Read(b.Configuration))).ToList();
        var wallets = configs.Any(c => c.Config.Accounts.Count > 0)
            ? await db.Wallets.IgnoreQueryFilters().AsNoTracking().Where(w => w.WorkspaceId == info.WorkspaceId).ToDictionaryAsync(w => w.Uuid, w => w.Id, ct)
            : [];
        var windows = new Dictionary<(DateOnly, DateOnly), List<(int Wallet, int Category, EntryType Type, long Total)>>();
        var stats = new List<BudgetStats>(configs.Count);
        foreach (var (budget, config) in configs)
        {
            var window = config.Window(today);
            var types = config.CountedTypes();
            List<int>? walletIds = config.Accounts.Count == 0 ? null : config.Accounts.Where(wallets.ContainsKey).Select(u => wallets[u]).ToList();
            long spent;
            if (config.Tags.Count > 0)
            {
                spent = await Entries(config, window.Start, window.End, types, walletIds, config.IncludePlanned ? null : false).SumAsync(e => e.BaseAmount, ct);
            }
            else
            {
                if (!windows.TryGetValue(window, out var rows))
                {
                    var (start, end) = window;
                    rows = (await db.EntryDayTotals.AsNoTracking()
                            .Where(t => t.WorkspaceId == info.WorkspaceId && t.Day >= start && t.Day <= end)
                            .GroupBy(t => new { t.WalletId, t.CategoryId, t.Type })
                            .Select(g => new { g.Key.WalletId, g.Key.CategoryId, g.Key.Type, Total = g.Sum(t => t.Total) })
                            .ToListAsync(ct))
                        .Select(r => (r.WalletId, r.CategoryId, r.Type, r.Total)).ToList();
                    windows[window] = rows;
                }
                spent = rows.Where(r => types.Contains(r.Type) && (walletIds is null || walletIds.Contains(r.Wallet))
                    && (config.Categories.Count == 0 || config.Categories.Contains(r.Category))).Sum(r => r.Total);
                if (config.IncludePlanned)
                {
                    spent += await Entries(config, window.Start, window.End, types, walletIds, planned: true).SumAsync(e => e.BaseAmount, ct);
                }
            }
            stats.Add(Stats(budget, config, window, spent, today));
        }
        return stats;
    }

    private BudgetStats Stats(BudgetRow budget, BudgetConfig config, (DateOnly Start, DateOnly End) window, long spent, DateOnly today)
    {
        var total = MoneyFormat.ToDecimal(budget.Amount, info.BaseMinorUnits);
        var totalSpent = MoneyFormat.ToDecimal(spent, info.BaseMinorUnits);
        var remaining = total + totalSpent;
        var percent = budget.Amount == 0 ? 0m : decimal.Round(-spent * 100m / budget.Amount, 2, MidpointRounding.AwayFromZero);
        var remainingPercent = 100m - percent;
        return new BudgetStats(total, totalSpent, remaining, BudgetMapping.Percent(percent), BudgetMapping.Percent(remainingPercent < 0 ? 0 : remainingPercent),
            percent, remaining < 0, config.PeriodKind == BudgetPeriod.OneShot && window.End < today,
            config.Thresholds.Where(t => t <= percent).ToList(), new BudgetWindow(window.Start, window.End), budget.ToResponse(info));
    }

    /// <summary>The entries a budget counts in its current period (for <c>entry-list</c> and label filters).</summary>
    public async Task<IQueryable<Entry>> EntriesAsync(BudgetRow budget, CancellationToken ct)
    {
        var config = BudgetConfig.Read(budget.Configuration);
        var (start, end) = config.Window(Today);
        return Entries(config, start, end, config.CountedTypes(), await WalletIdsAsync(config, ct), config.IncludePlanned ? null : false);
    }

    /// <summary>The counted entries of the window; <paramref name="planned"/>: false the past ones, true the planned ones, null both.</summary>
    private IQueryable<Entry> Entries(BudgetConfig config, DateOnly start, DateOnly end, EntryType[] types, List<int>? wallets, bool? planned)
    {
        var from = Midnight(start);
        var to = Midnight(end.AddDays(1));
        var categories = config.Categories;
        var tags = config.Tags;
        var entries = db.Entries.AsNoTracking()
            .Where(e => e.WorkspaceId == info.WorkspaceId && e.DateTime >= from && e.DateTime < to)
            .Where(e => e.Confirmed && !e.ExcludeFromStats && types.Contains(e.Type));
        if (planned is { } isPlanned)
        {
            entries = entries.Where(e => e.Planned == isPlanned);
        }
        if (wallets is not null)
        {
            entries = entries.Where(e => e.WalletId != null && wallets.Contains(e.WalletId.Value));
        }
        if (categories.Count > 0)
        {
            entries = entries.Where(e => categories.Contains(e.CategoryId));
        }
        if (tags.Count > 0)
        {
            entries = entries.Where(e => e.Labels.Any(l => tags.Contains(l.Uuid)));
        }
        return entries;
    }

    /// <summary>The wallet filter as internal ids; null when the budget has none (every wallet).</summary>
    private async Task<List<int>?> WalletIdsAsync(BudgetConfig config, CancellationToken ct)
    {
        if (config.Accounts.Count == 0)
        {
            return null;
        }
        return await db.Wallets.IgnoreQueryFilters().IdsOfAsync(info.WorkspaceId, config.Accounts, ct);
    }

    private DateTime Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (info.TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, info.TimeZone);
    }
}
