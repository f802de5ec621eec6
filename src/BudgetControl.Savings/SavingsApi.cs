using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Savings.Savings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Savings;

/// <summary>The module's route table: the original service's reads, under the gateway prefix <c>/api/savings</c>.</summary>
internal static class SavingsApi
{
    public static void MapSavingsApi(this IEndpointRouteBuilder app)
    {
        var savings = app.MapGroup("/api/savings").WithTags("Savings").RequireWorkspace().WithTransientRetry();
        savings.MapGet("", ListSavings.Handle);
        savings.MapGet("/{uuid}", GetSaving.Handle);
    }
}
