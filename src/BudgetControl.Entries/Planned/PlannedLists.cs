using System.Linq.Expressions;
using BudgetControl.Data.Entities;
using BudgetControl.Entries.Entries;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Planned;

/// <summary>
/// The planned entries of the workspace, as a plain array (not paginated, as in the original), with
/// <c>filters[key]=a,b</c> and <c>order[key]=asc|desc</c> (default: next occurrence first).
/// </summary>
internal static class PlannedLists
{
    private static readonly string[] FilterKeys =
        ["type", "planning", "account_id", "category_id", "currency_id", "payment_type", "payee_id", "goal_id", "confirmed"];

    private static readonly Dictionary<string, Expression<Func<PlannedEntry, object>>> OrderKeys = new()
    {
        ["date_time"] = p => p.DateTime,
        ["amount"] = p => p.Amount,
        // A plan has no name of its own; its note is what describes it (the original accepted the key and failed in SQL).
        ["name"] = p => p.Note!,
        ["type"] = p => p.Type,
        ["created_at"] = p => p.CreatedAt,
        ["updated_at"] = p => p.UpdatedAt,
    };

    public static async Task<Results<Ok<List<PlannedResponse>>, ValidationProblem>> ListAsync([AsParameters] EntryContext context)
    {
        var (scope, db, _, http, ct) = context;
        var query = new ListQuery(http.Request.Query, new Validation());
        var plans = PlannedResponse.Query(db, scope.WorkspaceId);
        foreach (var filter in query.Filters(FilterKeys))
        {
            if (await EntryFilters.ApplySharedAsync(plans, filter, query, db, scope.WorkspaceId, ct) is { } shared)
            {
                plans = shared;
                continue;
            }
            switch (filter.Key)
            {
                case "planning":
                    var plannings = query.Enums<Planning>(filter, "a planning (daily, weekly, monthly, yearly, one-shot)", EnumNames.TryParse);
                    plans = plans.Where(p => plannings.Contains(p.Planning));
                    break;
                case "goal_id":
                    var goals = await db.Goals.IgnoreQueryFilters().IdsOfAsync(scope.WorkspaceId, query.Uuids(filter), ct);
                    plans = plans.Where(p => p.GoalId != null && goals.Contains(p.GoalId.Value));
                    break;
                case "category_id":
                    var categories = query.Ints(filter);
                    plans = plans.Where(p => categories.Contains(p.CategoryId));
                    break;
                case "confirmed":
                    plans = query.Flag(filter.Parameter, filter.Value) is { } confirmed ? plans.Where(p => p.Confirmed == confirmed) : plans;
                    break;
            }
        }
        plans = query.OrderBy(plans, OrderKeys, p => p.DateTime, p => p.Id);
        if (!query.Validation.IsValid)
        {
            return TypedResults.ValidationProblem(query.Validation.Errors);
        }
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        return TypedResults.Ok(await PlannedResponse.FromAsync(db, await plans.ToListAsync(ct), info, ct));
    }

    public static async Task<Results<Ok<PlannedResponse>, ProblemHttpResult>> ShowAsync(string uuid, [AsParameters] EntryContext context)
    {
        var (scope, db, _, http, ct) = context;
        var plan = await PlannedResponse.Query(db, scope.WorkspaceId).FindInWorkspaceAsync(scope, uuid, ct);
        if (plan is null)
        {
            return Problems.NotFound("The planned entry");
        }
        var info = await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct);
        Concurrency.SetETag(http, plan.Version);
        return TypedResults.Ok((await PlannedResponse.FromAsync(db, [plan], info, ct))[0]);
    }
}
