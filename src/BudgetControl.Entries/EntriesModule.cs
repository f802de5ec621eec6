using BudgetControl.Entries.Scheduled;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BudgetControl.Entries;

/// <summary>
/// The entries service: expenses, incomes, transfers, debits and savings (<c>/api/entry/...</c>), with
/// the ledger that keeps wallet, goal and payee balances equal to what the entries say; plus entry
/// templates (<c>/api/entry/model</c>) and recurring plans (<c>/api/entry/planned</c>), which move no money.
/// </summary>
public static class EntriesModule
{
    public static WebApplicationBuilder AddEntriesModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddScheduledEntries();
        if (ServiceDefaults.ExportsTelemetry(builder.Configuration))
        {
            // The sizes of the creates' group commits (Ledger/GroupCommit.cs).
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(Ledger.Ledger.MeterName));
        }
        return builder;
    }

    /// <summary>What the jobs worker needs of this module (<see cref="IScheduledEntries"/>), also in a process that maps no entry endpoints.</summary>
    public static IServiceCollection AddScheduledEntries(this IServiceCollection services)
    {
        services.TryAddScoped<IScheduledEntries, ScheduledEntries>();
        return services;
    }

    public static IEndpointRouteBuilder MapEntriesModule(this IEndpointRouteBuilder app)
    {
        app.MapEntriesApi();
        return app;
    }
}
