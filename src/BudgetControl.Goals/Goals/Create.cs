using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetControl.Goals.Goals;

/// <summary>
/// <c>POST /api/goals/create</c>: a new goal whose target is in the workspace base currency. Its balance
/// starts at 0 and only saving entries move it.
/// </summary>
internal static class CreateGoal
{
    public static async Task<Results<Created<GoalResponse>, ValidationProblem>> Handle(
        CreateGoalRequest? request, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        request ??= new CreateGoalRequest(null, null, null, null, null, null, null);
        var workspace = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        var validation = new Validation();
        validation.Required("name", request.Name, GoalInput.NameMaxLength);
        var amount = GoalInput.Amount(request.Amount, workspace, validation);
        var description = GoalInput.Text(request.Description, "description", GoalInput.DescriptionMaxLength, validation);
        var icon = GoalInput.Text(request.CategoryIcon ?? request.Icon, "category_icon", GoalInput.IconMaxLength, validation);
        var dueDate = GoalInput.DueDate(request.DueDate, workspace.TimeZone, validation);
        var status = request.Status is null ? GoalStatus.Active : GoalInput.Status(request.Status, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var goal = new Goal
        {
            WorkspaceId = scope.WorkspaceId,
            Name = request.Name!.Trim(),
            Amount = amount!.Value,
            CurrencyId = workspace.BaseCurrencyId,
            Description = description,
            DueDate = dueDate,
            Status = status!.Value,
            CategoryIcon = icon,
        };
        db.Goals.Add(goal);
        await db.SaveChangesAsync(ct);
        Concurrency.SetETag(http, goal.Version);
        return TypedResults.Created($"/api/goals/{goal.Uuid}", goal.ToResponse(new GoalCurrency(workspace.BaseCurrencyCode, workspace.BaseMinorUnits)));
    }
}

/// <summary>
/// <c>amount</c> is the target, an exact decimal of the base currency; <c>due_date</c> "yyyy-MM-dd";
/// <c>icon</c> is the original's alias of <c>category_icon</c>. There is no <c>balance</c>: entries move it.
/// </summary>
internal sealed record CreateGoalRequest(
    string? Name, decimal? Amount, string? Description, string? DueDate, string? Status, string? CategoryIcon, string? Icon);
