using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Labels.Labels;

/// <summary>
/// <c>GET /api/label/list</c>: the workspace's live labels (archived ones included unless
/// <c>filters[archive]=0</c>), ordered by <c>order[name|created_at|updated_at]=asc|desc</c> (default: name).
/// Unknown keys and bad values are 400s naming the key; a plain array, as the original.
/// </summary>
internal static class ListLabels
{
    private static readonly string[] OrderColumns = ["name", "created_at", "updated_at"];

    public static async Task<Results<Ok<List<LabelResponse>>, ValidationProblem>> Handle(
        HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        bool? archived = null;
        var order = new List<(string Column, bool Descending)>();
        foreach (var (key, values) in http.Request.Query)
        {
            var value = values.ToString().Trim().ToLowerInvariant();
            var name = key.ToLowerInvariant();
            if (name == "filters[archive]")
            {
                if (value is "1" or "true" or "0" or "false")
                {
                    archived = value is "1" or "true";
                }
                else
                {
                    validation.Add(key, "must be 0, 1, true or false.");
                }
            }
            else if (name.StartsWith("order[", StringComparison.Ordinal) && name.EndsWith(']') && OrderColumns.Contains(name[6..^1]))
            {
                if (value is "asc" or "desc")
                {
                    order.Add((name[6..^1], value == "desc"));
                }
                else
                {
                    validation.Add(key, "must be asc or desc.");
                }
            }
            else if (name.StartsWith("filter", StringComparison.Ordinal) || name.StartsWith("order", StringComparison.Ordinal))
            {
                validation.Add(key, $"is not a known filter; use filters[archive] or order[{string.Join("|", OrderColumns)}].");
            }
        }
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        var labels = db.Labels.AsNoTracking().Where(l => l.WorkspaceId == scope.WorkspaceId);
        if (archived is { } archive)
        {
            labels = labels.Where(l => l.Archive == archive);
        }
        IOrderedQueryable<Label>? ordered = null;
        foreach (var (column, descending) in order.Count > 0 ? order : [("name", false)])
        {
            ordered = By(labels, ordered, column, descending);
        }
        var rows = await ordered!.ThenBy(l => l.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(LabelResponse.From).ToList());
    }

    private static IOrderedQueryable<Label> By(IQueryable<Label> labels, IOrderedQueryable<Label>? ordered, string column, bool descending) =>
        column switch
        {
            "name" => By(labels, ordered, l => l.Name, descending),
            "created_at" => By(labels, ordered, l => l.CreatedAt, descending),
            _ => By(labels, ordered, l => l.UpdatedAt, descending),
        };

    private static IOrderedQueryable<Label> By<TKey>(
        IQueryable<Label> labels, IOrderedQueryable<Label>? ordered, System.Linq.Expressions.Expression<Func<Label, TKey>> key, bool descending) =>
        ordered is null
            ? (descending ? labels.OrderByDescending(key) : labels.OrderBy(key))
            : (descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key));
}
