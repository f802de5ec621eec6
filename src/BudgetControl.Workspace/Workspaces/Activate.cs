using BudgetControl.Data;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Workspace.Workspaces;

/// <summary>
/// <c>PATCH /api/workspace/activate/{id}</c>: makes the workspace the caller's current one by stamping the
/// caller's membership, so "current" and "last" follow it for this user only.
/// </summary>
internal static class ActivateWorkspace
{
    public static async Task<Results<Ok<WorkspaceDocument>, ProblemHttpResult>> Handle(string id, CurrentUser user, BudgetDbContext db, CancellationToken ct)
    {
        var membership = await WorkspaceAccess.FindMembershipAsync(db, id, user, ct);
        if (membership?.Workspace is not { } workspace)
        {
            return WorkspaceAccess.NotFound();
        }
        membership.LastActivatedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var document = await WorkspaceDocument.LoadAsync(db, workspace.Uuid, user, ct);
        return document is null ? WorkspaceAccess.NotFound() : TypedResults.Ok(document);
    }
}
