using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Labels.Labels;

/// <summary>
/// <c>PATCH /api/label/{uuid}</c> with <c>{archive}</c>: archives or un-archives a label. Any other key is
/// a 400 naming it, as in the original (<c>version</c> is also accepted, as the alternative to <c>If-Match</c>).
/// </summary>
internal static class ArchiveLabel
{
    public static async Task<Results<Ok<LabelResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, ArchiveRequest request, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var label = await db.Labels.FindInWorkspaceAsync(scope, uuid, ct);
        if (label is null)
        {
            return LabelFields.NotFound();
        }
        var validation = new Validation();
        foreach (var key in request.Other?.Keys ?? Enumerable.Empty<string>())
        {
            validation.Add(key, "cannot be changed here; only archive can.");
        }
        var archive = LabelFields.Archive(request.Archive, validation);
        if (!request.Archive.IsPresent || (request.Archive.HasValue && archive is null))
        {
            validation.Add("archive", "is required.");
        }
        var expected = Concurrency.Expected(http, request.Version, validation, LabelFields.What);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (Concurrency.IsStale(expected, label))
        {
            return Concurrency.Stale(LabelFields.What);
        }
        label.Archive = archive!.Value;
        return await Concurrency.TrySaveAsync(db, ct) ? LabelFields.Ok(label, http) : Concurrency.Stale(LabelFields.What);
    }
}
