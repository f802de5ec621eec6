using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Stats.Stats;

/// <summary>
/// Figures from the recurring plans (<c>planned_entries</c>): how much the expense plans take in the
/// current month, counting each plan's occurrences in it (open-ended plans included).
/// </summary>
internal static class Plans
{
    /// <summary><c>GET /api/stats/total/planned/monthly</c>: Σ of every expense plan's occurrences in the current month (negative).</summary>
    public static async Task<Ok<Total>> Monthly(WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var data = new StatsData(db, info);
        var month = DayRange.MonthOf(StatsRange.Today(info, clock));
        return TypedResults.Ok(new Total(data.Money(await ExpensesInAsync(db, info, month, monthlyOnly: false, ct))));
    }

    /// <summary>
    /// <c>GET /api/stats/total-loan-installments</c>: what loans take this month: the monthly expense plans'
    /// occurrences plus the instalment of every active credit-card wallet in debt, both negative.
    /// </summary>
    public static async Task<Ok<Total>> LoanInstallments(WorkspaceScope scope, BudgetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var data = new StatsData(db, info);
        var month = DayRange.MonthOf(StatsRange.Today(info, clock));
        var plans = await ExpensesInAsync(db, info, month, monthlyOnly: true, ct);
        var cards = (await data.WalletsAsync(ct))
            .Where(w => !w.Wallet.Archived && !w.Wallet.ExcludeFromStats && w.Wallet.Type is WalletType.CreditCard or WalletType.CreditCardRevolving
                && w.Wallet.Balance < 0 && w.Wallet.InstallementValue is > 0)
            .Sum(w => w.Wallet.InstallementValue!.Value);
        return TypedResults.Ok(new Total(data.Money(plans - cards)));
    }

    private static async Task<long> ExpensesInAsync(BudgetDbContext db, WorkspaceInfo info, DayRange month, bool monthlyOnly, CancellationToken ct)
    {
        var (from, to) = month.ToUtc(info.TimeZone);
        var plans = await db.PlannedEntries.AsNoTracking()
            .Where(p => p.WorkspaceId == info.WorkspaceId && p.Type == EntryType.Expenses && p.Confirmed && p.DateTime < to && (p.EndDateTime == null || p.EndDateTime >= from))
            .Where(p => !monthlyOnly || p.Planning == Planning.Monthly)
            .Select(p => new { p.Amount, p.CurrencyId, p.Planning, p.DateTime, p.EndDateTime })
            .ToListAsync(ct);
        if (plans.Count == 0)
        {
            return 0;
        }
        var rates = await db.ExchangeRates.AsNoTracking().Where(r => r.WorkspaceId == info.WorkspaceId).ToDictionaryAsync(r => r.CurrencyId, r => r.Rate, ct);
        long total = 0;
        foreach (var plan in plans)
        {
            var start = LocalDay(plan.DateTime, info.TimeZone);
            var end = plan.EndDateTime is { } e ? LocalDay(e, info.TimeZone) : DateOnly.MaxValue;
            var times = Occurrences(plan.Planning, start, end, month);
            if (times == 0)
            {
                continue;
            }
            var amount = plan.CurrencyId == info.BaseCurrencyId
                ? plan.Amount
                : rates.TryGetValue(plan.CurrencyId, out var rate) ? MoneyFormat.Convert(plan.Amount, ReferenceData.CurrencyById(plan.CurrencyId)?.MinorUnits ?? 2, rate, info.BaseMinorUnits) : 0;
            total += amount * times;
        }
        return total;
    }

    /// <summary>How many times a plan starting on <paramref name="start"/> (last on <paramref name="end"/>) falls in <paramref name="month"/>.</summary>
    public static int Occurrences(Planning planning, DateOnly start, DateOnly end, DayRange month)
    {
        var first = start > month.Start ? start : month.Start;
        var last = end < month.End ? end : month.End;
        if (last < first)
        {
            return 0;
        }
        switch (planning)
        {
            case Planning.Daily:
                return last.DayNumber - first.DayNumber + 1;
            case Planning.Weekly:
                // Days d in [first, last] with (d − start) a multiple of 7.
                var offset = ((first.DayNumber - start.DayNumber) % 7 + 7) % 7;
                var firstHit = offset == 0 ? first : first.AddDays(7 - offset);
                return firstHit > last ? 0 : (last.DayNumber - firstHit.DayNumber) / 7 + 1;
            case Planning.Monthly:
                return In(new DateOnly(month.Start.Year, month.Start.Month, Math.Min(start.Day, DateTime.DaysInMonth(month.Start.Year, month.Start.Month))), first, last);
            case Planning.Yearly:
                return start.Month != month.Start.Month ? 0
                    : In(new DateOnly(month.Start.Year, start.Month, Math.Min(start.Day, DateTime.DaysInMonth(month.Start.Year, start.Month))), first, last);
            default:
                return In(start, first, last);
        }
    }

    private static int In(DateOnly day, DateOnly first, DateOnly last) => day >= first && day <= last ? 1 : 0;

    private static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
}
