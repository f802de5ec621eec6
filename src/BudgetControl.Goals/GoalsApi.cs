using BudgetControl.Goals.Goals;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Goals;

/// <summary>The module's route table (the original Gateway paths); handlers live in one file per feature.</summary>
internal static class GoalsApi
{
    public static void MapGoalsApi(this IEndpointRouteBuilder app)
    {
        var goals = app.MapGroup("/api/goals").WithTags("Goals").RequireWorkspace().WithTransientRetry();
        goals.MapGet("", ListGoals.Handle);
        goals.MapGet("/{uuid}", GetGoal.Handle);
        goals.MapPost("/create", CreateGoal.Handle).WithIdempotency();
        goals.MapPut("/update/{uuid}", UpdateGoal.Handle).WithIdempotency();
        goals.MapDelete("/{uuid}", DeleteGoal.Handle).WithIdempotency();
    }
}
