using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BudgetControl.Labels.Labels;

/// <summary>
/// <c>PATCH /api/label/{uuid}</c> with <c>{archive}</c>: archives or un-archives a label. Any other key is
/// a 400 naming it, as in the original (<c>version</c> is also accepted, as the alternative to <c>If-Match</c>).
/// </summary>
internal static class ArchiveLabel
{
    public static async Task<Results<Ok<LabelResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, [FromBody] JsonElement body, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var label = await LabelAccess.FindAsync(db, scope, uuid, ct);
        if (label is null)
        {
            return LabelAccess.NotFound();
        }
        var validation = new Validation();
        if (JsonBody.Open(body, validation) is not { } input)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        foreach (var key in input.Keys.Where(k => k is not ("archive" or "version")))
        {
            validation.Add(key, "cannot be changed here; only archive can.");
        }
        var archive = input.Bool("archive");
        if (archive is null && !input.Failed("archive"))
        {
            validation.Add("archive", "is required.");
        }
        if (!Concurrency.TryExpectedVersion(http, input.Int("version"), out var expected))
        {
            validation.Add("If-Match", "must be the label's version, e.g. \"3\".");
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (expected is { } version && version != label.Version)
        {
            return LabelAccess.Stale();
        }
        label.Archive = archive!.Value;
        return await LabelAccess.TrySaveAsync(db, ct) ? LabelAccess.Ok(label, http) : LabelAccess.Stale();
    }
}
