using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Wallets;

/// <summary>
/// The original "Wallets" service: a workspace's wallets (bank accounts, cash, credit cards, vouchers, ...).
/// Money is stored in minor units of the wallet's currency; a wallet's balance is its opening balance plus its
/// counted entries, kept by the entries module, so no request here ever assigns it.
/// </summary>
public static class WalletsModule
{
    public static WebApplicationBuilder AddWalletsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapWalletsModule(this IEndpointRouteBuilder app)
    {
        app.MapWalletsApi();
        return app;
    }
}
