using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Debt;

/// <summary>
/// The original "Debt" service: payees (who owes whom) and the debits overview. A payee's balance is the
/// sum of its debit entries in the workspace base currency, kept by the Entries module; this module
/// never writes it.
/// </summary>
public static class DebtModule
{
    public static WebApplicationBuilder AddDebtModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapDebtModule(this IEndpointRouteBuilder app)
    {
        app.MapDebtApi();
        return app;
    }
}
