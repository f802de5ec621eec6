using BudgetControl.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Core.ExchangeRates;

/// <summary>
/// The workspace's exchange rates. They share the <c>/api/currencies</c> prefix with the global reference
/// data but are workspace-scoped, hence a group of their own.
/// </summary>
internal static class ExchangeRatesApi
{
    public static void MapExchangeRates(this IEndpointRouteBuilder app)
    {
        var rates = app.MapGroup("/api/currencies/rates").WithTags("Exchange rates").RequireWorkspace();
        rates.MapGet("", ListRates.Handle);
        rates.MapPut("/{currency}", SetRate.Handle);
        rates.MapDelete("/{currency}", DeleteRate.Handle);
    }
}
