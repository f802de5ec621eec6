using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Workspace.Workspaces;

/// <summary>
/// <c>DELETE /api/workspace/{id}</c>: soft-deletes the workspace (its data stays); owner only. Every
/// member's cached membership is forgotten, so access stops on the next request.
/// </summary>
internal static class DeleteWorkspace
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string id, CurrentUser user, BudgetDbContext db, MembershipCache memberships, CancellationToken ct)
    {
        var membership = await WorkspaceAccess.FindMembershipAsync(db, id, user, ct);
        if (membership?.Workspace is not { } workspace)
        {
            return WorkspaceAccess.NotFound();
        }
        if (membership.Role != WorkspaceRole.Owner)
        {
            return Problems.Forbidden("Only the owner can delete this workspace.");
        }
        var memberUuids = await db.WorkspaceMembers
            .Where(m => m.WorkspaceId == workspace.Id)
            .Select(m => m.User!.Uuid)
            .ToListAsync(ct);
        workspace.DeletedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        foreach (var memberUuid in memberUuids)
        {
            await memberships.ForgetMembershipAsync(workspace.Uuid, memberUuid);
        }
        return TypedResults.NoContent();
    }
}
