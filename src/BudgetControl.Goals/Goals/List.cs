using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Goals.Goals;

/// <summary>
/// <c>GET /api/goals</c>: the workspace's goals, newest first unless <c>order[name|due_date|created_at]</c>
/// says otherwise; <c>filters[status]=active,paused</c> keeps only those statuses.
/// </summary>
internal static class ListGoals
{
    private static readonly string[] OrderKeys = ["name", "due_date", "created_at"];
    private static readonly string[] FilterKeys = ["status"];

    public static async Task<Results<Ok<List<GoalResponse>>, ValidationProblem>> Handle(
        HttpRequest request, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var list = new ListQuery(request.Query, new Validation());
        var order = list.Order(OrderKeys);
        var query = db.Goals.AsNoTracking().Where(g => g.WorkspaceId == scope.WorkspaceId);
        foreach (var filter in list.Filters(FilterKeys))
        {
            var statuses = list.Enums<GoalStatus>(filter, "a goal status", EnumNames.TryParse);
            query = query.Where(g => statuses.Contains(g.Status));
        }
        if (!list.Validation.IsValid)
        {
            return TypedResults.ValidationProblem(list.Validation.Errors);
        }

        IOrderedQueryable<Goal>? ordered = null;
        foreach (var (key, descending) in order)
        {
            ordered = key switch
            {
                // Case-insensitive, so that both databases sort names alike.
                "name" => query.SortBy(ordered, g => g.Name.ToLower(), descending),
                // Goals without a due date come last either way (the databases disagree on where nulls go).
                "due_date" => query.SortBy(query.SortBy(ordered, g => g.DueDate == null, false), g => g.DueDate, descending),
                _ => query.SortBy(ordered, g => g.CreatedAt, descending),
            };
        }
        ordered ??= query.OrderByDescending(g => g.CreatedAt);
        var goals = await ordered.ThenByDescending(g => g.Id).ToListAsync(ct);

        var currencies = GoalCurrency.Of(goals);
        return TypedResults.Ok(goals.Select(g => g.ToResponse(currencies[g.CurrencyId])).ToList());
    }
}
