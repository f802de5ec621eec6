using BudgetControl.Budget.Budgets;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Budget;

/// <summary>The module's route table (the original Gateway paths, §1 and §3.2 of the reference).</summary>
internal static class BudgetApi
{
    public static void MapBudgetApi(this IEndpointRouteBuilder app)
    {
        var budgets = app.MapGroup("/api/budgets").WithTags("Budgets").RequireWorkspace().WithTransientRetry();
        budgets.MapGet("", ListBudgets.Handle);
        budgets.MapGet("/stats", BudgetStatus.All);

        var budget = app.MapGroup("/api/budget").WithTags("Budgets").RequireWorkspace().WithTransientRetry();
        budget.MapPost("/create", CreateBudget.Handle).WithIdempotency();
        budget.MapPut("/update/{uuid}", UpdateBudget.Handle).WithIdempotency();
        budget.MapGet("/{uuid}", GetBudget.Handle);
        budget.MapDelete("/{uuid}", DeleteBudget.Handle).WithIdempotency();
        budget.MapGet("/{uuid}/stats", BudgetStatus.Stats);
        budget.MapGet("/{uuid}/status", BudgetStatus.Stats);
        budget.MapGet("/{uuid}/expired", BudgetStatus.IsExpired);
        budget.MapGet("/{uuid}/exceeded", BudgetStatus.IsExceeded);
        budget.MapGet("/{uuid}/entry-list", BudgetStatus.Entries);
    }
}
