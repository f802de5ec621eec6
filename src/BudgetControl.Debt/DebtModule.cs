using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Debt;

/// <summary>
/// The debt service module: payees and debts (issue #3).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class DebtModule
{
    public static WebApplicationBuilder AddDebtModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapDebtModule(this IEndpointRouteBuilder app) => app;
}
