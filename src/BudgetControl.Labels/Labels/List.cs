using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Labels.Labels;

/// <summary>
/// <c>GET /api/label/list</c>: the workspace's live labels (archived ones included unless
/// <c>filters[archive]=0</c>), ordered by <c>order[name|created_at|updated_at]=asc|desc</c> (default: name).
/// Unknown keys and bad values are 400s naming the key (<see cref="ListQuery"/>); a plain array, as the original.
/// </summary>
internal static class ListLabels
{
    private static readonly string[] OrderKeys = ["name", "created_at", "updated_at"];
    private static readonly string[] FilterKeys = ["archive"];

    public static async Task<Results<Ok<List<LabelResponse>>, ValidationProblem>> Handle(
        HttpRequest request, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var query = new ListQuery(request.Query, new Validation());
        query.RejectMalformed();
        var order = query.Order(OrderKeys);
        var labels = db.Labels.AsNoTracking().Where(l => l.WorkspaceId == scope.WorkspaceId);
        foreach (var filter in query.Filters(FilterKeys))
        {
            if (query.Flag(filter.Parameter, filter.Value) is { } archive)
            {
                labels = labels.Where(l => l.Archive == archive);
            }
        }
        if (!query.Validation.IsValid)
        {
            return TypedResults.ValidationProblem(query.Validation.Errors);
        }
        IOrderedQueryable<Label>? ordered = null;
        foreach (var (key, descending) in order.Count > 0 ? order : [("name", false)])
        {
            ordered = key switch
            {
                "name" => labels.SortBy(ordered, l => l.Name, descending),
                "created_at" => labels.SortBy(ordered, l => l.CreatedAt, descending),
                _ => labels.SortBy(ordered, l => l.UpdatedAt, descending),
            };
        }
        var rows = await ordered!.ThenBy(l => l.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(LabelResponse.From).ToList());
    }
}
