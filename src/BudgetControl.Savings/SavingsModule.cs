using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Savings;

/// <summary>
/// The original's deprecated "Savings" service, read-only: the workspace's saving entries (deposits into
/// goals) as they exist. Savings are written through <c>/api/entry/saving</c> (the entries module and its
/// ledger, which keep the wallet and goal balances), as the original client does; see docs/differences.md.
/// </summary>
public static class SavingsModule
{
    public static WebApplicationBuilder AddSavingsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapSavingsModule(this IEndpointRouteBuilder app)
    {
        app.MapSavingsApi();
        return app;
    }
}
