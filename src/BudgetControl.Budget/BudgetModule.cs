using BudgetControl.Budget.Budgets;
using BudgetControl.Hosting.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BudgetControl.Budget;

/// <summary>
/// The original "Budget" service: spending budgets of a workspace (amount, period, filters, recipients and
/// thresholds) and their status, read from the daily aggregates the Entries module's ledger keeps.
/// The alert e-mails are the jobs worker's, which reads the figures through <see cref="IBudgetAlertFigures"/>.
/// </summary>
public static class BudgetModule
{
    public static WebApplicationBuilder AddBudgetModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddBudgetAlertFigures();
        return builder;
    }

    /// <summary>What the jobs worker needs of this module (<see cref="IBudgetAlertFigures"/>), also in a process that maps no budget endpoints.</summary>
    public static IServiceCollection AddBudgetAlertFigures(this IServiceCollection services)
    {
        services.TryAddScoped<IBudgetAlertFigures, AlertFigures>();
        return services;
    }

    public static IEndpointRouteBuilder MapBudgetModule(this IEndpointRouteBuilder app)
    {
        app.MapBudgetApi();
        return app;
    }
}
