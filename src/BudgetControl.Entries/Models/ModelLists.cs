using System.Linq.Expressions;
using BudgetControl.Data.Entities;
using BudgetControl.Entries.Entries;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Models;

/// <summary>
/// The models of the workspace, as a plain array (not paginated, as in the original), with
/// <c>filters[key]=a,b</c> and <c>order[key]=asc|desc</c> (default: by name).
/// </summary>
internal static class ModelLists
{
    private static readonly string[] FilterKeys = ["type", "account_id", "category_id", "currency_id", "payment_type", "payee_id"];

    private static readonly Dictionary<string, Expression<Func<EntryModel, object>>> OrderKeys = new()
    {
        ["name"] = m => m.Name,
        ["amount"] = m => m.Amount,
        ["type"] = m => m.Type,
        ["created_at"] = m => m.CreatedAt,
        ["updated_at"] = m => m.UpdatedAt,
    };

    public static async Task<Results<Ok<List<ModelResponse>>, ValidationProblem>> ListAsync([AsParameters] EntryContext context)
    {
        var (scope, db, _, http, ct) = context;
        var query = new ListQuery(http.Request.Query, new Validation());
        var models = ModelResponse.Query(db, scope.WorkspaceId);
        foreach (var filter in query.Filters(FilterKeys))
        {
            if (await EntryFilters.ApplySharedAsync(models, filter, query, db, scope.WorkspaceId, ct) is { } shared)
            {
                models = shared;
                continue;
            }
            switch (filter.Key)
            {
                case "category_id":
                    var categories = query.Ints(filter);
                    models = models.Where(m => m.CategoryId != null && categories.Contains(m.CategoryId.Value));
                    break;
            }
        }
        models = query.OrderBy(models, OrderKeys, m => m.Name, m => m.Id);
        if (!query.Validation.IsValid)
        {
            return TypedResults.ValidationProblem(query.Validation.Errors);
        }
        return TypedResults.Ok(await ModelResponse.FromAsync(db, await models.ToListAsync(ct), ct));
    }

    public static async Task<Results<Ok<ModelResponse>, ProblemHttpResult>> ShowAsync(string uuid, [AsParameters] EntryContext context)
    {
        var (scope, db, _, http, ct) = context;
        var model = await ModelResponse.Query(db, scope.WorkspaceId).FindInWorkspaceAsync(scope, uuid, ct);
        if (model is null)
        {
            return Problems.NotFound("The model");
        }
        Concurrency.SetETag(http, model.Version);
        return TypedResults.Ok((await ModelResponse.FromAsync(db, [model], ct))[0]);
    }
}
