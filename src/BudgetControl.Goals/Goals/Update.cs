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
        var goal = await db.Goals.FindInWorkspaceAsync(scope, uuid, ct);
        if (goal is null)
        {
            return Problems.NotFound("The goal");
        }
        request ??= new UpdateGoalRequest(null, null, default, default, null, default, null);
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        var expected = Concurrency.Expected(http, request.Version, validation, "goal");
        if (request.Name is not null)
        {
            validation.Required("name", request.Name, GoalInput.NameMaxLength);
        }
        var amount = request.Amount is null ? null : GoalInput.Amount(request.Amount, workspace, validation);
        var status = request.Status is null ? null : GoalInput.Status(request.Status, validation);
        var descriptionGiven = request.Description.Check(validation, "description", GoalInput.StringOrNull);
        var description = GoalInput.Text(request.Description.Value, "description", GoalInput.DescriptionMaxLength, validation);
        var iconGiven = request.CategoryIcon.Check(validation, "category_icon", GoalInput.StringOrNull);
        var icon = GoalInput.Text(request.CategoryIcon.Value, "category_icon", GoalInput.IconMaxLength, validation);
        var dueDateGiven = request.DueDate.Check(validation, "due_date", GoalInput.StringOrNull);
        var dueDate = GoalInput.DueDate(request.DueDate.Value, workspace.TimeZone, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        if (Concurrency.IsStale(expected, goal))
        {
            return Concurrency.Stale("goal");
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
        return TypedResults.Ok(goal.ToResponse());
    }
}

/// <summary>
/// Every field is optional. <c>description</c>, <c>due_date</c> and <c>category_icon</c> tell "absent"
/// (unchanged) from null (cleared); <c>version</c> is the alternative to <c>If-Match</c>.
/// </summary>
internal sealed record UpdateGoalRequest(
    string? Name, decimal? Amount, Optional<string?> Description, Optional<string?> DueDate, string? Status, Optional<string?> CategoryIcon, int? Version);
