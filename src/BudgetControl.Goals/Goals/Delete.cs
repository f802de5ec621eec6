using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Goals.Goals;

/// <summary>
/// <c>DELETE /api/goals/{uuid}</c>: soft-deletes the goal (the original deleted the row). Saving entries
/// keep their link to it, so history is not lost. An <c>If-Match</c> version is honoured.
/// </summary>
internal static class DeleteGoal
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var goal = await db.Goals.FindInWorkspaceAsync(scope, uuid, ct);
        if (goal is null)
        {
            return Problems.NotFound("The goal");
        }
        if (Concurrency.Check(http, null, goal, "goal") is { } failed)
        {
            return failed;
        }
        goal.DeletedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
