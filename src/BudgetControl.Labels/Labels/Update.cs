using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Names;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Labels.Labels;

/// <summary>
/// <c>PUT /api/label/{uuid}</c> with <c>{name?, color?, archive?}</c>: changes the fields the body names.
/// Renaming onto another live label's name is a 409 (the unique index decides); <c>If-Match</c> or
/// <c>version</c> makes it conditional.
/// </summary>
internal static class UpdateLabel
{
    public static async Task<Results<Ok<LabelResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, LabelRequest request, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var label = await db.Labels.FindInWorkspaceAsync(scope, uuid, ct);
        if (label is null)
        {
            return LabelFields.NotFound();
        }
        if (Concurrency.Check(http, request.Version, label, LabelFields.What) is { } failed)
        {
            return failed;
        }
        var validation = new Validation();
        var name = LabelFields.Name(request.Name, required: false, validation);
        var color = LabelFields.Color(request.Color, validation);
        var archive = LabelFields.Archive(request.Archive, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        label.Name = name ?? label.Name;
        label.Color = color ?? label.Color;
        label.Archive = archive ?? label.Archive;
        try
        {
            return await UniqueNames.TrySaveAsync(db, ct) ? LabelFields.Ok(label, http) : LabelFields.NameTaken(label.Name);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return Concurrency.Stale(LabelFields.What);
        }
    }
}
