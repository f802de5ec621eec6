using BudgetControl.Core.ExchangeRates;
using BudgetControl.Core.ReferenceData;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Core;

/// <summary>
/// The original "Core" service: read-only reference data (payment types, currencies, categories), plus
/// each workspace's exchange-rate table (the original had a rate column it never used).
/// Not in ARCHITECTURE.md's module list by name; it keeps the original's routes in a module of its own.
/// </summary>
public static class CoreModule
{
    public static WebApplicationBuilder AddCoreModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapCoreModule(this IEndpointRouteBuilder app)
    {
        app.MapReferenceData();
        app.MapExchangeRates();
        return app;
    }
}
