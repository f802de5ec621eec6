using System.Data;
using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Labels.Labels;

/// <summary>
/// <c>POST /api/label</c> with <c>{name, color?}</c>: a new label (the original dropped the colour; it is
/// kept here, default <c>#000000</c>). A live label of the same name, ignoring case, is a 409.
/// </summary>
internal static class CreateLabel
{
    private const int MaxAttempts = 5;

    public static async Task<Results<Created<LabelResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [FromBody] JsonElement body, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        if (JsonBody.Open(body, validation) is not { } input)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var name = LabelAccess.Name(input, required: true);
        var color = LabelAccess.Color(input) ?? LabelAccess.DefaultColor;
        if (!validation.IsValid || name is null)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        // Check and insert under SERIALIZABLE, so two creates of one name cannot both pass the check; the
        // database refuses one of them, which then tries again and finds the other's label.
        Label label;
        for (var attempt = 1; ; attempt++)
        {
            label = new Label { WorkspaceId = scope.WorkspaceId, Name = name, Color = color };
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
                if (await LabelAccess.NameTakenAsync(db, scope.WorkspaceId, name, exceptId: 0, ct))
                {
                    return LabelAccess.NameTaken(name);
                }
                db.Labels.Add(label);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                break;
            }
            catch (Exception ex) when (attempt < MaxAttempts && LabelAccess.IsSerializationFailure(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
        Concurrency.SetETag(http, label.Version);
        return TypedResults.Created($"/api/label/{label.Uuid}", LabelResponse.From(label));
    }
}
