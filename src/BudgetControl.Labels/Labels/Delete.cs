using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Labels.Labels;

/// <summary><c>DELETE /api/label/{uuid}</c>: soft-deletes the label; 204 without a body.</summary>
internal static class DeleteLabel
{
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var label = await LabelAccess.FindAsync(db, scope, uuid, ct);
        if (label is null)
        {
            return LabelAccess.NotFound();
        }
        if (!Concurrency.TryExpectedVersion(http, null, out var expected))
        {
            return LabelAccess.BadIfMatch();
        }
        if (expected is { } version && version != label.Version)
        {
            return LabelAccess.Stale();
        }
        label.DeletedAt = db.Clock.GetUtcNow().UtcDateTime;
        return await LabelAccess.TrySaveAsync(db, ct) ? TypedResults.NoContent() : LabelAccess.Stale();
    }
}
