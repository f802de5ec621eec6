using System.Text.Json.Serialization;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Stats.Stats;

/// <summary>A figure with the previous period's and the change in percent (S1-S3).</summary>
internal sealed record PeriodTotal(
    [property: JsonPropertyName("percentage")] int Percentage,
    [property: JsonPropertyName("total")] decimal Total,
    [property: JsonPropertyName("total_passed")] decimal TotalPassed);

/// <summary>A single figure: <c>{"total": 12.50}</c>, a JSON number (the client calls <c>toFixed</c>).</summary>
internal sealed record Total([property: JsonPropertyName("total")] decimal Value);

/// <summary>
/// <c>GET /api/stats/incoming|expenses|debits</c>: Σ of one entry type in the range (<c>start_date</c>,
/// <c>end_date</c>; default the current month) and in the period just before it, with the change in percent.
/// </summary>
internal static class PeriodTotals
{
    // One method per route (not a handler built per type): the Request Delegate Generator needs a method group.
    public static Task<Results<Ok<PeriodTotal>, ValidationProblem>> Incoming(HttpRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
        For(EntryType.Incoming, request, scope, db, clock, ct);

    public static Task<Results<Ok<PeriodTotal>, ValidationProblem>> Expenses(HttpRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
        For(EntryType.Expenses, request, scope, db, clock, ct);

    public static Task<Results<Ok<PeriodTotal>, ValidationProblem>> Debits(HttpRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) =>
        For(EntryType.Debit, request, scope, db, clock, ct);

    private static async Task<Results<Ok<PeriodTotal>, ValidationProblem>> For(EntryType type, HttpRequest request, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var range = StatsRange.StartEnd(request, info, clock, validation);
        if (range is not { } current)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var data = new StatsData(db, info);
        var previous = current.Previous();
        var sums = await data.ByTypeAsync([current, previous], ct);
        var now = sums[0].GetValueOrDefault(type);
        var before = sums[1].GetValueOrDefault(type);
        return TypedResults.Ok(new PeriodTotal(Change(now, before), data.Money(now), data.Money(before)));
    }

    /// <summary>Change from the previous period in percent of its size, rounded; 0 when there was nothing before.</summary>
    public static int Change(long current, long previous) =>
        previous == 0 ? 0 : (int)Math.Round((decimal)(current - previous) * 100m / Math.Abs(previous), MidpointRounding.AwayFromZero);
}

/// <summary>Figures of wallets and planned entries (S4, S6, S7, S12) and of payees (S20, S21).</summary>
internal static class BalanceTotals
{
    /// <summary><c>GET /api/stats/total</c>: Σ balance of the active wallets counted in statistics, except instalment (credit) wallets.</summary>
    public static async Task<Ok<Total>> Wallets(WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var data = new StatsData(db, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct));
        var wallets = await data.WalletsAsync(ct);
        return TypedResults.Ok(new Total(data.Money(wallets.Where(w => Active(w.Wallet) && !w.Wallet.Installement).Sum(w => w.BaseBalance ?? 0))));
    }

    /// <summary><c>GET /api/stats/health</c>: Σ balance of the active counted wallets (credit ones included) + this month's planned entries.</summary>
    public static async Task<Ok<Total>> Health(WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var data = new StatsData(db, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct));
        var wallets = await data.WalletsAsync(ct);
        var month = DayRange.MonthOf(StatsRange.Today(data.Info, clock));
        var planned = await data.Planned(month).SumAsync(e => e.BaseAmount, ct);
        return TypedResults.Ok(new Total(data.Money(wallets.Where(w => Active(w.Wallet)).Sum(w => w.BaseBalance ?? 0) + planned)));
    }

    /// <summary>
    /// <c>GET /api/stats/total/planned</c> (end-of-month forecast): Σ balance of the active counted non-credit
    /// wallets + this month's planned entries on them − the credit-card instalments still due this month.
    /// </summary>
    public static async Task<Ok<Total>> Forecast(WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var data = new StatsData(db, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct));
        var wallets = await data.WalletsAsync(ct);
        var today = StatsRange.Today(data.Info, clock);
        var month = DayRange.MonthOf(today);
        var plain = wallets.Where(w => Active(w.Wallet) && !w.Wallet.Installement).Select(w => w.Wallet.Id).ToList();
        var planned = await data.Planned(month).Where(e => e.WalletId != null && plain.Contains(e.WalletId.Value)).SumAsync(e => e.BaseAmount, ct);
        var instalments = wallets
            .Where(w => Active(w.Wallet) && w.Wallet.Installement && w.Wallet.InstallementValue is > 0
                && w.Wallet.InvoiceDate is { } invoice && invoice >= today && invoice <= month.End)
            .Sum(w => w.Wallet.InstallementValue!.Value);
        var balance = wallets.Where(w => plain.Contains(w.Wallet.Id)).Sum(w => w.BaseBalance ?? 0);
        return TypedResults.Ok(new Total(data.Money(balance + planned - instalments)));
    }

    /// <summary><c>GET /api/stats/total/planned/remaining</c>: Σ of this month's planned expenses (negative).</summary>
    public static async Task<Ok<Total>> PlannedRemaining(WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var data = new StatsData(db, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct));
        var month = DayRange.MonthOf(StatsRange.Today(data.Info, clock));
        var planned = await data.Planned(month).Where(e => e.Type == EntryType.Expenses).SumAsync(e => e.BaseAmount, ct);
        return TypedResults.Ok(new Total(data.Money(planned)));
    }

    /// <summary><c>GET /api/stats/debits/total-negative|total-positive</c>: Σ payee balances below (above) zero.</summary>
    public static Task<Ok<Total>> NegativePayees(WorkspaceScope scope, BudgetDbContext db, CancellationToken ct) => Payees(negative: true, scope, db, ct);

    public static Task<Ok<Total>> PositivePayees(WorkspaceScope scope, BudgetDbContext db, CancellationToken ct) => Payees(negative: false, scope, db, ct);

    private static async Task<Ok<Total>> Payees(bool negative, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var data = new StatsData(db, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct));
        var payees = db.Payees.AsNoTracking().Where(p => p.WorkspaceId == scope.WorkspaceId);
        var sum = negative
            ? await payees.Where(p => p.Balance < 0).SumAsync(p => p.Balance, ct)
            : await payees.Where(p => p.Balance > 0).SumAsync(p => p.Balance, ct);
        return TypedResults.Ok(new Total(data.Money(sum)));
    }

    private static bool Active(Wallet wallet) => !wallet.Archived && !wallet.ExcludeFromStats;
}

/// <summary>
/// <c>GET /api/stats/average-incoming|expenses|savings</c>: the year to date per month, with the current
/// month counted by the fraction of it that has passed (so early January is not a whole month).
/// Savings are the saving entries into goals, negative (money leaving the wallets; the client negates it).
/// </summary>
internal static class Averages
{
    public static Task<Ok<Total>> Expenses(WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) => For(EntryType.Expenses, scope, db, clock, ct);

    public static Task<Ok<Total>> Incoming(WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) => For(EntryType.Incoming, scope, db, clock, ct);

    public static Task<Ok<Total>> Savings(WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct) => For(EntryType.Saving, scope, db, clock, ct);

    private static async Task<Ok<Total>> For(EntryType type, WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var data = new StatsData(db, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct));
        var today = StatsRange.Today(data.Info, clock);
        var year = new DayRange(new DateOnly(today.Year, 1, 1), today);
        var sums = (await data.ByTypeAsync([year], ct))[0];
        var sum = sums.GetValueOrDefault(type) * (type == EntryType.Saving ? -1 : 1);
        var months = today.Month - 1 + (decimal)today.Day / DateTime.DaysInMonth(today.Year, today.Month);
        var average = decimal.Round(data.Money(sum) / months, data.Info.BaseMinorUnits, MidpointRounding.AwayFromZero);
        return TypedResults.Ok(new Total(average));
    }
}
