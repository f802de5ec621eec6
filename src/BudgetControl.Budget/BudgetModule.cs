using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Budget;

/// <summary>
/// The original "Budget" service: spending budgets of a workspace (amount, period, filters, recipients and
/// thresholds) and their status, read from the daily aggregates the Entries module's ledger keeps.
/// The alert e-mails are the jobs worker's.
/// </summary>
public static class BudgetModule
{
    public static WebApplicationBuilder AddBudgetModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapBudgetModule(this IEndpointRouteBuilder app)
    {
        app.MapBudgetApi();
        return app;
    }
}
