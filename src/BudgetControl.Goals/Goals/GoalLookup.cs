using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Goals.Goals;

/// <summary>Finds a live goal by uuid inside the caller's workspace only; anything else is "not found".</summary>
internal static class GoalLookup
{
    public static async Task<Goal?> FindAsync(BudgetDbContext db, WorkspaceScope scope, string uuid, CancellationToken ct) =>
        Guid.TryParse(uuid, out var id)
            ? await db.Goals.FirstOrDefaultAsync(g => g.WorkspaceId == scope.WorkspaceId && g.Uuid == id, ct)
            : null;

    public static ProblemHttpResult NotFound() => Problems.NotFound("The goal");
}
