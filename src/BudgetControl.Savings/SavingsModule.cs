using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Savings;

/// <summary>
/// The savings service module: saving deposits into goals (issue #3).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class SavingsModule
{
    public static WebApplicationBuilder AddSavingsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapSavingsModule(this IEndpointRouteBuilder app) => app;
}
