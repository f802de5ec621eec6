using BudgetControl.Data;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Workspace.Workspaces;

/// <summary>
/// <c>GET /api/workspace/current</c>: the workspace this session works in, as named by <c>X-BC-Token</c>
/// or <c>X-WS</c>. Membership is checked on every call, so a removed member is refused at once.
/// </summary>
internal static class GetCurrentWorkspace
{
    public static async Task<Results<Ok<WorkspaceDocument>, ProblemHttpResult>> Handle(WorkspaceScope scope, CurrentUser user, BudgetDbContext db, CancellationToken ct)
    {
        var document = await WorkspaceDocument.LoadAsync(db, scope.WorkspaceUuid, user, ct);
        return document is null ? WorkspaceAccess.NotFound() : TypedResults.Ok(document);
    }
}
