using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Wallets;

/// <summary>
/// The wallets service module: wallets and their balances (issue #3).
/// Its project exists so that the server composes every module of ARCHITECTURE.md from day one; it maps
/// no endpoints yet (they arrive with the issue named above).
/// </summary>
public static class WalletsModule
{
    public static WebApplicationBuilder AddWalletsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapWalletsModule(this IEndpointRouteBuilder app) => app;
}
