using System.Data;
using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Labels.Labels;

/// <summary>
/// <c>PUT /api/label/{uuid}</c> with <c>{name?, color?, archive?}</c>: changes the fields the body names.
/// Renaming onto another live label's name is a 409; <c>If-Match</c> or <c>version</c> makes it conditional.
/// </summary>
internal static class UpdateLabel
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
        if (!Concurrency.TryExpectedVersion(http, input.Int("version"), out var expected))
        {
            return LabelAccess.BadIfMatch();
        }
        var name = LabelAccess.Name(input, required: false);
        var color = LabelAccess.Color(input);
        var archive = input.Bool("archive");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (expected is { } version && version != label.Version)
        {
            return LabelAccess.Stale();
        }
        label.Color = color ?? label.Color;
        label.Archive = archive ?? label.Archive;
        if (name is null || name == label.Name)
        {
            return await LabelAccess.TrySaveAsync(db, ct) ? LabelAccess.Ok(label, http) : LabelAccess.Stale();
        }

        // A rename checks and writes under SERIALIZABLE, so a concurrent create or rename cannot take the name too.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        try
        {
            if (await LabelAccess.NameTakenAsync(db, scope.WorkspaceId, name, label.Id, ct))
            {
                return LabelAccess.NameTaken(name);
            }
            label.Name = name;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || LabelAccess.IsSerializationFailure(ex))
        {
            return LabelAccess.Stale();
        }
        return LabelAccess.Ok(label, http);
    }
}
