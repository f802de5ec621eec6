using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Labels.Labels;

/// <summary><c>DELETE /api/label/{uuid}</c>: soft-deletes the label (its name is free again); 204 without a body.</summary>
internal static class DeleteLabel
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var label = await db.Labels.FindInWorkspaceAsync(scope, uuid, ct);
        if (label is null)
        {
            return LabelFields.NotFound();
        }
        if (Concurrency.Check(http, null, label, LabelFields.What) is { } failed)
        {
            return failed;
        }
        label.DeletedAt = db.Clock.GetUtcNow().UtcDateTime;
        return await Concurrency.TrySaveAsync(db, ct) ? TypedResults.NoContent() : Concurrency.Stale(LabelFields.What);
    }
}
