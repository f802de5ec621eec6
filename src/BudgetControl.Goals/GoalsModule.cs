using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Goals;

/// <summary>
/// The goals service module: savings goals (issue #3).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class GoalsModule
{
    public static WebApplicationBuilder AddGoalsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapGoalsModule(this IEndpointRouteBuilder app) => app;
}
