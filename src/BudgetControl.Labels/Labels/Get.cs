using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Labels.Labels;

/// <summary><c>GET /api/label/{uuid}</c>: one label of the workspace, with its version as ETag.</summary>
internal static class GetLabel
{
    public static async Task<Results<Ok<LabelResponse>, ProblemHttpResult>> Handle(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var label = await db.Labels.FindInWorkspaceAsync(scope, uuid, ct);
        return label is null ? LabelFields.NotFound() : LabelFields.Ok(label, http);
    }
}
