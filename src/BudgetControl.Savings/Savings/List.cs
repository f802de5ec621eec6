using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Savings.Savings;

/// <summary>
/// <c>GET /api/savings?page=&amp;per_page=&amp;cursor=&amp;planned=&amp;goal=</c>: the workspace's saving entries,
/// newest first, 10 a page as the original. As there, <c>planned</c> absent or false lists the entries
/// that are not planned and true the planned ones; <c>goal</c> (a goal uuid) keeps one goal's savings.
/// The total counts at most <see cref="Pagination.CountLimit"/> rows (docs/decisions/0007).
/// </summary>
internal static class ListSavings
{
    public static async Task<Results<Ok<Page<SavingResponse>>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var query = new ListQuery(http.Request.Query, new Validation());
        var request = query.Page();
        var planned = query.Value("planned") is { } text ? query.Flag("planned", text) : false;
        Guid? goalUuid = null;
        if (query.Value("goal") is { } goalText)
        {
            if (Guid.TryParse(goalText, out var g))
            {
                goalUuid = g;
            }
            else
            {
                query.Validation.Add("goal", "is not a uuid.");
            }
        }
        if (!query.Validation.IsValid)
        {
            return TypedResults.ValidationProblem(query.Validation.Errors);
        }

        var ws = scope.WorkspaceId;
        var savings = db.Entries.Where(e => e.WorkspaceId == ws && e.Type == EntryType.Saving && e.Planned == planned);
        if (goalUuid is { } goal)
        {
            var goalId = await db.Goals.IgnoreQueryFilters().IdOfAsync(ws, goal, ct);
            if (goalId is null)
            {
                return Problems.NotFound("The goal");
            }
            savings = savings.Where(e => e.GoalId == goalId);
        }
        var after = request.After is { } a ? savings.Where(e => e.DateTime < a.At || (e.DateTime == a.At && e.Id < a.Id)) : savings;
        var rows = await SavingResponse.Query(after.OrderByDescending(e => e.DateTime).ThenByDescending(e => e.Id))
            .Skip(request.Offset).Take(request.PerPage + 1).ToListAsync(ct);
        var hasMore = rows.Count > request.PerPage;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        var (total, exact) = await Pagination.BoundedCountAsync(savings, ct);
        var info = await WorkspaceInfo.LoadAsync(db, ws, ct);
        var last = rows.Count > 0 ? new Keyset(rows[^1].DateTime, rows[^1].Id) : (Keyset?)null;
        return TypedResults.Ok(Pagination.Build(rows.Select(e => SavingResponse.From(e, info)).ToList(), request, total, exact, hasMore, last));
    }
}

/// <summary><c>GET /api/savings/{uuid}</c>: one saving entry (the original routed this to a method that did not exist).</summary>
internal static class GetSaving
{
    public static async Task<Results<Ok<SavingResponse>, ProblemHttpResult>> Handle(
        string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var entry = await SavingResponse.Query(db.Entries.Where(e => e.Type == EntryType.Saving)).FindInWorkspaceAsync(scope, uuid, ct);
        if (entry is null)
        {
            return Problems.NotFound("The saving");
        }
        Concurrency.SetETag(http, entry.Version);
        return TypedResults.Ok(SavingResponse.From(entry, await WorkspaceInfo.LoadAsync(db, scope.WorkspaceId, ct)));
    }
}
