using BudgetControl.Hosting;
using BudgetControl.Hosting.Cache;
using BudgetControl.Hosting.Api;
using BudgetControl.Stats.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Stats;

/// <summary>The module's route table (the original Gateway paths, §2.1 and §10.4 of the reference).</summary>
internal static class StatsApi
{
    public static void MapStatsApi(this IEndpointRouteBuilder app)
    {
        // Figures are cached per workspace, user and version: every write to the workspace invalidates them.
        var stats = app.MapGroup("/api/stats").WithTags("Stats").RequireWorkspace().WithTransientRetry().CacheReads();
        stats.MapGet("/incoming", PeriodTotals.Incoming);
        stats.MapGet("/expenses", PeriodTotals.Expenses);
        stats.MapGet("/debits", PeriodTotals.Debits);
        stats.MapGet("/total", BalanceTotals.Wallets);
        stats.MapGet("/wallets", StatsWallets.Handle);
        stats.MapGet("/health", BalanceTotals.Health);
        stats.MapGet("/total/planned", BalanceTotals.Forecast);
        stats.MapGet("/total/planned/remaining", BalanceTotals.PlannedRemaining);
        stats.MapGet("/total/planned/monthly", Plans.Monthly);
        stats.MapGet("/total-loan-installments", Plans.LoanInstallments);
        stats.MapGet("/average-expenses", Averages.Expenses);
        stats.MapGet("/average-incoming", Averages.Incoming);
        stats.MapGet("/average-savings", Averages.Savings);
        stats.MapGet("/debits/total-negative", BalanceTotals.NegativePayees);
        stats.MapGet("/debits/total-positive", BalanceTotals.PositivePayees);
        stats.MapGet("/chart/line/incoming-expenses", Charts.Line);
        stats.MapGet("/chart/bar/expenses/category", Charts.BarByCategory);
        stats.MapGet("/chart/table/expenses/category", Charts.TableByCategory);
        stats.MapGet("/chart/bar/expenses/label", Charts.BarByLabel);
        stats.MapGet("/chart/apple-pie/expenses/label", Charts.PieByLabel);
        // A POST that only reads: it must not bump the workspace's version (which would drop every cached read).
        stats.MapPost("/entries", EntriesTable.Handle).OnlyReads();
    }
}
