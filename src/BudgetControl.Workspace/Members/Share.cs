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
/// <c>POST /api/workspace/{wsId}/share</c>: adds a registered user (by e-mail or uuid) as a member and
/// mails them. Owner and admins may share; only the owner may make someone an admin.
/// </summary>
internal static class ShareWorkspace
{
    public static async Task<Results<Created<ShareResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string wsId, ShareRequest? request, CurrentUser user, BudgetDbContext db, MembershipCache memberships, ShareMail mail, CancellationToken ct)
    {
        var membership = await WorkspaceAccess.FindMembershipAsync(db, wsId, user, ct);
        if (membership?.Workspace is not { } workspace)
        {
            return WorkspaceAccess.NotFound();
        }
        if (membership.Role < WorkspaceRole.Admin)
        {
            return Problems.Forbidden("Only the owner or an admin can share this workspace.");
        }
        var validation = new Validation();
        validation.Required("user_to_share", request?.UserToShare);
        var role = WorkspaceRole.Member;
        if (request?.Role is { } roleText && (!EnumNames.TryParse(roleText.Trim(), out role) || role == WorkspaceRole.Owner))
        {
            validation.Add("role", "must be one of: admin, member, viewer.");
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (role == WorkspaceRole.Admin && membership.Role != WorkspaceRole.Owner)
        {
            return Problems.Forbidden("Only the owner can make someone an admin.");
        }

        var invitee = await UserLookup.FindAsync(db, request!.UserToShare!, ct);
        if (invitee is null)
        {
            return Problems.NotFound("The user");
        }
        if (await Confirmation.RefusalAsync(db, user, invitee, ct) is { } refused)
        {
            return refused;
        }
        if (await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspace.Id && m.UserId == invitee.Id, ct))
        {
            return AlreadyMember();
        }
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspace.Id, UserId = invitee.Id, Role = role });
        var sharedBy = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "Someone";
        mail.QueueShared(db, invitee, sharedBy, workspace.Name, role);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // Two shares of the same user raced: the primary key let one of them in.
            if (await db.WorkspaceMembers.AsNoTracking().AnyAsync(m => m.WorkspaceId == workspace.Id && m.UserId == invitee.Id, ct))
            {
                return AlreadyMember();
            }
            throw;
        }
        await memberships.ForgetMembershipAsync(workspace.Uuid, invitee.Uuid);
        mail.Sent();
        return TypedResults.Created(
            $"/api/workspace/{workspace.Uuid}",
            new ShareResponse("Workspace shared successfully", new MemberResponse(invitee.Uuid, invitee.Name, invitee.Email, role.Name())));
    }

    private static ProblemHttpResult AlreadyMember() => Problems.Conflict("The user is already a member of this workspace.");
}

/// <summary><c>user_to_share</c>: e-mail or user uuid; <c>role</c>: admin, member (default) or viewer.</summary>
internal sealed record ShareRequest(string? UserToShare, string? Role);

internal sealed record ShareResponse(string Message, MemberResponse User);
