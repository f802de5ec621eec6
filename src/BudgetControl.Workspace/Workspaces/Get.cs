using BudgetControl.Data;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Workspace.Workspaces;

/// <summary><c>GET /api/workspace/{id}</c>: the workspace with its members, for members only. Reading changes nothing.</summary>
internal static class GetWorkspace
{
    public static async Task<Results<Ok<WorkspaceDocument>, ProblemHttpResult>> Handle(string id, CurrentUser user, BudgetDbContext db, CancellationToken ct)
    {
        var document = Guid.TryParse(id, out var uuid) ? await WorkspaceDocument.LoadAsync(db, uuid, user, ct) : null;
        return document is null ? WorkspaceAccess.NotFound() : TypedResults.Ok(document);
    }
}
