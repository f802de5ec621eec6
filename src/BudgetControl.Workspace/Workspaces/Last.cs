using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Workspace.Workspaces;

/// <summary>
/// <c>GET /api/workspace/last</c>: the caller's current workspace, i.e. the one they activated last
/// (else their oldest membership), decided per user rather than by a global flag or <c>updated_at</c>.
/// </summary>
internal static class GetLastWorkspace
{
    public static async Task<Results<Ok<WorkspaceDocument>, ProblemHttpResult>> Handle(CurrentUser user, BudgetDbContext db, CancellationToken ct)
    {
        var current = (await UserInfo.WorkspacesOfAsync(db, user.Id, ct)).FirstOrDefault(w => w.Current);
        var document = current is null ? null : await WorkspaceDocument.LoadAsync(db, current.Uuid, user, ct);
        return document is null ? WorkspaceAccess.NotFound() : TypedResults.Ok(document);
    }
}
