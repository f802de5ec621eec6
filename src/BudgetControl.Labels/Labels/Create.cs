using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Names;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Labels.Labels;

/// <summary>
/// <c>POST /api/label</c> with <c>{name, color?}</c>: a new label (the original dropped the colour; it is
/// kept here, default <c>#000000</c>). A live label of the same name, ignoring case, is a 409: the unique
/// index on the normalized name decides, so of two concurrent creates one wins and the other gets the 409.
/// </summary>
internal static class CreateLabel
{
    public static async Task<Results<Created<LabelResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        LabelRequest request, WorkspaceScope scope, BudgetDbContext db, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var name = LabelFields.Name(request.Name, required: true, validation);
        var color = LabelFields.Color(request.Color, validation) ?? LabelBook.DefaultColor;
        if (!validation.IsValid || name is null)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var label = await LabelBook.CreateAsync(db, scope.WorkspaceId, name, color, ct);
        if (label is null)
        {
            return LabelFields.NameTaken(name);
        }
        Concurrency.SetETag(http, label.Version);
        return TypedResults.Created($"/api/label/{label.Uuid}", LabelResponse.From(label));
    }
}
