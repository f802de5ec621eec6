using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Workspace.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Workspace.Members;

/// <summary>
/// <c>DELETE /api/workspace/{wsId}/unshare/{userUuid}</c>: removes a member, or lets a member leave.
/// The owner can be removed by nobody (not even themself); an admin cannot remove another admin.
/// The removed membership is removed from the cache: this process refuses it on the next request, other
/// processes of a split deployment once their in-memory copy expires (at most 30 seconds).
/// </summary>
internal static class UnshareWorkspace
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string wsId, string userUuid, CurrentUser user, BudgetDbContext db, MembershipCache memberships, ShareMail mail, CancellationToken ct)
    {
        var membership = await WorkspaceAccess.FindMembershipAsync(db, wsId, user, ct);
        if (membership?.Workspace is not { } workspace)
        {
            return WorkspaceAccess.NotFound();
        }
        if (!Guid.TryParse(userUuid, out var targetUuid))
        {
            return WorkspaceAccess.MemberNotFound();
        }
        var target = targetUuid == user.Uuid
            ? membership
            : await db.WorkspaceMembers.FirstOrDefaultAsync(m => m.WorkspaceId == workspace.Id && m.User!.Uuid == targetUuid, ct);
        if (target is null)
        {
            return WorkspaceAccess.MemberNotFound();
        }
        if (target.Role == WorkspaceRole.Owner)
        {
            return Problems.Forbidden("The owner cannot be removed from the workspace.");
        }
        var leaving = target == membership;
        if (!leaving && (membership.Role < WorkspaceRole.Admin || (membership.Role == WorkspaceRole.Admin && target.Role == WorkspaceRole.Admin)))
        {
            return Problems.Forbidden("You cannot remove this member.");
        }
        db.WorkspaceMembers.Remove(target);
        if (!leaving && await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Uuid == targetUuid, ct) is { } removed)
        {
            var removedBy = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "Someone";
            mail.QueueUnshared(db, removed, removedBy, workspace.Name);
        }
        await db.SaveChangesAsync(ct);
        await memberships.ForgetMembershipAsync(workspace.Uuid, targetUuid);
        mail.Sent();
        return TypedResults.NoContent();
    }
}
