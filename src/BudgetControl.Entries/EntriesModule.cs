using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Entries;

/// <summary>
/// The entries service: expenses, incomes, transfers, debits and savings (<c>/api/entry/...</c>), with
/// the ledger that keeps wallet, goal and payee balances equal to what the entries say; plus entry
/// templates (<c>/api/entry/model</c>) and recurring plans (<c>/api/entry/planned</c>), which move no money.
/// </summary>
public static class EntriesModule
{
    public static WebApplicationBuilder AddEntriesModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapEntriesModule(this IEndpointRouteBuilder app)
    {
        app.MapEntriesApi();
        return app;
    }
}
