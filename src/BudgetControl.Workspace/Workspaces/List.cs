using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Workspace.Workspaces;

/// <summary><c>GET /api/workspace/list</c> and <c>/by-user/list</c>; an empty list is <c>[]</c>, not a 404.</summary>
internal static class ListWorkspaces
{
    public static async Task<Ok<List<WorkspaceSummary>>> All(CurrentUser user, BudgetDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await UserInfo.WorkspacesOfAsync(db, user.Id, ct));

    /// <summary>Only the workspaces the caller owns.</summary>
    public static async Task<Ok<List<WorkspaceSummary>>> Owned(CurrentUser user, BudgetDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await UserInfo.WorkspacesOfAsync(db, user.Id, ct)).Where(w => w.OwnerUuid == user.Uuid).ToList());
}
