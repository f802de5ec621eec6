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
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var goal = await GoalLookup.FindAsync(db, scope, uuid, ct);
        if (goal is null)
        {
            return GoalLookup.NotFound();
        }
        if (!Concurrency.TryExpectedVersion(http, null, out var expected))
        {
            return Problems.Invalid("If-Match", "must be the goal's version, e.g. \"3\".");
        }
        if (expected is { } version && version != goal.Version)
        {
            return Problems.Conflict("The goal was changed by someone else; reload it and try again.");
        }
        goal.DeletedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
