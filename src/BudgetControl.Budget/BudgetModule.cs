using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Budget;

/// <summary>
/// The budget service module: budgets and their alerts (issue: analytics).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class BudgetModule
{
    public static WebApplicationBuilder AddBudgetModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapBudgetModule(this IEndpointRouteBuilder app) => app;
}
