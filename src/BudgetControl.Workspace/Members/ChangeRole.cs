using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Accounts;
using BudgetControl.Workspace.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Workspace.Members;

/// <summary>
/// <c>PUT /api/workspace/{wsId}/members/{userUuid}</c>: changes a member's role (admin, member, viewer);
/// owner only. The owner's own role cannot change: there is no ownership transfer here.
/// </summary>
internal static class ChangeMemberRole
{
    public static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string wsId, string userUuid, ChangeRoleRequest? request, CurrentUser user, BudgetDbContext db, MembershipCache memberships, CancellationToken ct)
    {
        var membership = await WorkspaceAccess.FindMembershipAsync(db, wsId, user, ct);
        if (membership?.Workspace is not { } workspace)
        {
            return WorkspaceAccess.NotFound();
        }
        if (membership.Role != WorkspaceRole.Owner)
        {
            return Problems.Forbidden("Only the owner can change roles.");
        }
        if (!Guid.TryParse(userUuid, out var targetUuid))
        {
            return WorkspaceAccess.MemberNotFound();
        }
        var target = await db.WorkspaceMembers
            .Include(m => m.User)
            .FirstOrDefaultAsync(m => m.WorkspaceId == workspace.Id && m.User!.Uuid == targetUuid, ct);
        if (target is null)
        {
            return WorkspaceAccess.MemberNotFound();
        }
        if (target.Role == WorkspaceRole.Owner)
        {
            return Problems.Forbidden("The owner's role cannot be changed.");
        }
        if (request?.Role is not { } roleText || !EnumNames.TryParse(roleText.Trim(), out WorkspaceRole role) || role == WorkspaceRole.Owner)
        {
            return Problems.Invalid("role", "must be one of: admin, member, viewer.");
        }
        target.Role = role;
        await db.SaveChangesAsync(ct);
        await memberships.ForgetMembershipAsync(workspace.Uuid, targetUuid);
        return TypedResults.Ok(new MemberResponse(targetUuid, target.User!.Name, target.User.Email, role.Name()));
    }
}

internal sealed record ChangeRoleRequest(string? Role);
