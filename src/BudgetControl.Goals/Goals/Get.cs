using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Goals.Goals;

/// <summary><c>GET /api/goals/{uuid}</c>: one goal, with its version as ETag.</summary>
internal static class GetGoal
{
    public static async Task<Results<Ok<GoalResponse>, ProblemHttpResult>> Handle(
        string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var goal = await db.Goals.FindInWorkspaceAsync(scope, uuid, ct);
        if (goal is null)
        {
            return Problems.NotFound("The goal");
        }
        Concurrency.SetETag(http, goal.Version);
        return TypedResults.Ok(goal.ToResponse());
    }
}
