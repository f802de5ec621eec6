using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Stats;

/// <summary>
/// The original "Stats" service: totals, averages and charts of a workspace, read from the daily
/// aggregates the Entries module's ledger keeps (never from the entries' whole history).
/// </summary>
public static class StatsModule
{
    public static WebApplicationBuilder AddStatsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapStatsModule(this IEndpointRouteBuilder app)
    {
        app.MapStatsApi();
        return app;
    }
}
