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
/// planned, not deleted, not excluded) of its types, wallets and sub-categories, read from the aggregates
/// through the shared reader (<see cref="EntryTotals"/>: whole years from the year rows, other whole months from the
/// month rows, edge days from the day rows). A budget with one label reads that label's aggregates. A budget with several labels reads its
/// period's entries: an entry carrying two of its labels counts once, which per-label sums cannot tell.
/// With <c>include_planned</c> the period's planned entries (confirmed, not excluded) are added, read from
/// the entries: they are not in the aggregates, and they are few (future-dated rows of one period).
/// </summary>
internal sealed class BudgetFigures(BudgetDbContext db, WorkspaceInfo info, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, info.TimeZone));

    public async Task<BudgetStats> StatsAsync(BudgetRow budget, CancellationToken ct) => (await StatsAsync([budget], ct))[0];

    /// <summary>A budget being computed: its window, and its filters as internal ids (null: no filter).</summary>
    private sealed record Plan(BudgetRow Budget, BudgetConfig Config, (DateOnly Start, DateOnly End) Window, EntryType[] Types, List<int>? Wallets, List<int>? Labels);

    /// <summary>
    /// The stats of several budgets with few statements: the wallet and label ids once, then one aggregate question per
    /// budget with its filters (the shared reader answers all of them in one statement, one scan per kind of aggregate
    /// row); only budgets with several labels, or counting planned entries, read entries.
    /// </summary>
    public async Task<List<BudgetStats>> StatsAsync(IReadOnlyList<BudgetRow> budgets, CancellationToken ct)
    {
        var today = Today;
        var configs = budgets.Select(b => (Budget: b, Config: BudgetConfig.Read(b.Configuration))).ToList();
        // Look-ups by key (the few wallets and labels the budgets name): planned once per connection (GenericPlans).
        var accounts = configs.SelectMany(c => c.Config.Accounts).Distinct().ToList();
        var wallets = accounts.Count > 0
            ? await db.Wallets.IgnoreQueryFilters().Where(w => w.WorkspaceId == info.WorkspaceId && accounts.Contains(w.Uuid)).Select(w => new { w.Uuid, w.Id })
                .WithGenericPlan().ToDictionaryAsync(w => w.Uuid, w => w.Id, ct)
            : [];
        var tags = configs.SelectMany(c => c.Config.Tags).Distinct().ToList();
        // Live labels only: a deleted label no longer marks what it was on (as the entries' label lists show it).
        var labels = tags.Count > 0
            ? await db.Labels.Where(l => l.WorkspaceId == info.WorkspaceId && tags.Contains(l.Uuid)).Select(l => new { l.Uuid, l.Id })
                .WithGenericPlan().ToDictionaryAsync(l => l.Uuid, l => l.Id, ct)
            : [];
        var plans = configs.Select(c => new Plan(c.Budget, c.Config, c.Config.Window(today), c.Config.CountedTypes(),
            c.Config.Accounts.Count == 0 ? null : [.. c.Config.Accounts.Where(wallets.ContainsKey).Select(u => wallets[u])],
            c.Config.Tags.Count == 0 ? null : [.. c.Config.Tags.Where(labels.ContainsKey).Select(u => labels[u]).Distinct()])).ToList();

        // Budget i's question is queries[i] when the aggregates answer it (no label or one); several labels read entries
        // (an entry carrying two of them counts once), gone labels count nothing: those ask for no day at all.
        var queries = plans.Select(p => new TotalsQuery(p.Window.Start, p.Window.End)
        {
            Types = p.Labels is null or { Count: 1 } ? p.Types : [],
            Wallets = p.Wallets,
            Categories = p.Config.Categories.Count == 0 ? null : p.Config.Categories,
            Label = p.Labels is { Count: 1 } ? p.Labels[0] : null,
        }).ToList();
        var sums = new long[plans.Count];
        foreach (var row in await EntryTotals.ReadAsync(db, info.WorkspaceId, queries, ct))
        {
            sums[row.Query] += row.Total;
        }

        var stats = new List<BudgetStats>(plans.Count);
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            var (start, end) = plan.Window;
            var spent = sums[i];
            if (plan.Labels is { Count: 0 })
            {
                spent = 0; // its labels are gone: nothing carries them
            }
            else if (plan.Labels is { Count: > 1 })
            {
                spent = await Entries(plan.Config, start, end, plan.Types, plan.Wallets, plan.Config.IncludePlanned ? null : false).SumAsync(e => e.BaseAmount, ct);
            }
            else if (plan.Config.IncludePlanned)
            {
                spent += await Entries(plan.Config, start, end, plan.Types, plan.Wallets, planned: true).SumAsync(e => e.BaseAmount, ct);
            }
            stats.Add(Stats(plan.Budget, plan.Config, plan.Window, spent, today));
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
