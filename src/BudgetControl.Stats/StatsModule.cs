using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Stats;

/// <summary>
/// The stats service module: statistics and charts (issue: analytics).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class StatsModule
{
    public static WebApplicationBuilder AddStatsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapStatsModule(this IEndpointRouteBuilder app) => app;
}
