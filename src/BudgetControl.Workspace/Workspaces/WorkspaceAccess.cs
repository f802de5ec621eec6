using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Workspace.Workspaces;

/// <summary>
/// The one membership check of this module: a workspace named in the path exists for the caller only if
/// the caller is a member. Everything else (malformed or unknown uuid, soft-deleted workspace, someone
/// else's workspace) is the same 404, so uuids of foreign workspaces reveal nothing.
/// </summary>
internal static class WorkspaceAccess
{
    /// <summary>The caller's membership, tracked, with its workspace and settings; null means 404.</summary>
    public static async Task<WorkspaceMember?> FindMembershipAsync(BudgetDbContext db, string workspaceId, CurrentUser caller, CancellationToken ct)
    {
        if (!Guid.TryParse(workspaceId, out var uuid))
        {
            return null;
        }
        return await db.WorkspaceMembers
            .Include(m => m.Workspace!).ThenInclude(w => w.Settings)
            .FirstOrDefaultAsync(m => m.UserId == caller.Id && m.Workspace!.Uuid == uuid, ct);
    }

    public static ProblemHttpResult NotFound() => Problems.NotFound("The workspace");

    public static ProblemHttpResult MemberNotFound() => Problems.NotFound("The member");
}
