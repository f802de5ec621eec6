using BudgetControl.Data;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Labels.Labels;

/// <summary><c>GET /api/label/{uuid}</c>: one label of the workspace, with its version as ETag.</summary>
internal static class GetLabel
{
    public static async Task<Results<Ok<LabelResponse>, ProblemHttpResult>> Handle(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var label = await LabelAccess.FindAsync(db, scope, uuid, ct);
        return label is null ? LabelAccess.NotFound() : LabelAccess.Ok(label, http);
    }
}
