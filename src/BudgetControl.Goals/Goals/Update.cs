using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Goals.Goals;

/// <summary>
/// <c>PUT /api/goals/update/{uuid}</c>: changes the fields given and leaves the others (as the original);
/// <c>description</c>, <c>due_date</c> and <c>category_icon</c> are cleared with an explicit null.
/// <c>If-Match</c> or <c>version</c> makes it conditional: a stale one is a 409.
/// </summary>
internal static class UpdateGoal
{
    public static async Task<Results<Ok<GoalResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string uuid, UpdateGoalRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var goal = await GoalLookup.FindAsync(db, scope, uuid, ct);
        if (goal is null)
        {
            return GoalLookup.NotFound();
        }
        request ??= new UpdateGoalRequest(null, null, default, default, null, default, null);
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        if (!Concurrency.TryExpectedVersion(http, request.Version, out var expected))
        {
            validation.Add("If-Match", "must be the goal's version, e.g. \"3\".");
        }
        if (request.Name is not null)
        {
            validation.Required("name", request.Name, GoalInput.NameMaxLength);
        }
        var amount = request.Amount is null ? null : GoalInput.Amount(request.Amount, workspace, validation);
        var status = request.Status is null ? null : GoalInput.Status(request.Status, validation);
        var descriptionGiven = GoalInput.TryOptionalText(request.Description, "description", validation, out var descriptionText);
        var description = GoalInput.Text(descriptionText, "description", GoalInput.DescriptionMaxLength, validation);
        var iconGiven = GoalInput.TryOptionalText(request.CategoryIcon, "category_icon", validation, out var iconText);
        var icon = GoalInput.Text(iconText, "category_icon", GoalInput.IconMaxLength, validation);
        var dueDateGiven = GoalInput.TryOptionalText(request.DueDate, "due_date", validation, out var dueDateText);
        var dueDate = GoalInput.DueDate(dueDateText, workspace.TimeZone, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (expected is { } version && version != goal.Version)
        {
            return Problems.Conflict("The goal was changed by someone else; reload it and try again.");
        }

        if (request.Name is not null)
        {
            goal.Name = request.Name.Trim();
        }
        if (amount is { } target)
        {
            // A new target is in today's base currency.
            goal.Amount = target;
            goal.CurrencyId = workspace.BaseCurrencyId;
        }
        if (status is { } newStatus)
        {
            goal.Status = newStatus;
        }
        if (descriptionGiven)
        {
            goal.Description = description;
        }
        if (iconGiven)
        {
            goal.CategoryIcon = icon;
        }
        if (dueDateGiven)
        {
            goal.DueDate = dueDate;
        }
        // Only changed columns are written (the version guards them); the balance the ledger moves is never overwritten.
        await db.SaveChangesAsync(ct);
        Concurrency.SetETag(http, goal.Version);
        return TypedResults.Ok(await goal.ToResponseAsync(db, ct));
    }
}

/// <summary>
/// Every field is optional. <c>description</c>, <c>due_date</c> and <c>category_icon</c> tell "absent"
/// (unchanged) from null (cleared); <c>version</c> is the alternative to <c>If-Match</c>.
/// </summary>
internal sealed record UpdateGoalRequest(
    string? Name, decimal? Amount, JsonElement Description, JsonElement DueDate, string? Status, JsonElement CategoryIcon, int? Version);
