using System.Linq.Expressions;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Entries.Entries;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
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

    public static async Task<IResult> ListAsync(HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var models = ModelResponse.Query(db, scope.WorkspaceId);
        foreach (var (rawKey, key, _, values) in TemplateQueries.Filters(http.Request.Query, FilterKeys, validation))
        {
            switch (key)
            {
                case "type":
                    var types = TemplateQueries.Enums<EntryType>(values, rawKey, "an entry type", EnumNames.TryParse, validation);
                    models = models.Where(m => types.Contains(m.Type));
                    break;
                case "account_id":
                    var wallets = await EntryLists.IdsAsync(values, rawKey, validation, uuids => db.Wallets.IgnoreQueryFilters().Where(w => w.WorkspaceId == scope.WorkspaceId && uuids.Contains(w.Uuid)).Select(w => w.Id), ct);
                    models = models.Where(m => m.WalletId != null && wallets.Contains(m.WalletId.Value));
                    break;
                case "payee_id":
                    var payees = await EntryLists.IdsAsync(values, rawKey, validation, uuids => db.Payees.IgnoreQueryFilters().Where(p => p.WorkspaceId == scope.WorkspaceId && uuids.Contains(p.Uuid)).Select(p => p.Id), ct);
                    models = models.Where(m => m.PayeeId != null && payees.Contains(m.PayeeId.Value));
                    break;
                case "category_id":
                    var categories = EntryLists.Ints(values, rawKey, validation);
                    models = models.Where(m => m.CategoryId != null && categories.Contains(m.CategoryId.Value));
                    break;
                case "currency_id":
                    var currencies = EntryLists.Ints(values, rawKey, validation);
                    models = models.Where(m => currencies.Contains(m.CurrencyId));
                    break;
                case "payment_type":
                    var paymentTypes = EntryLists.Ints(values, rawKey, validation);
                    models = models.Where(m => paymentTypes.Contains(m.PaymentTypeId));
                    break;
            }
        }
        models = TemplateQueries.Order(models, http.Request.Query, OrderKeys, m => m.Name, m => m.Id, validation);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }
        return TypedResults.Ok(await ModelResponse.FromAsync(db, await models.ToListAsync(ct), ct));
    }

    public static async Task<IResult> ShowAsync(string uuid, HttpContext http, WorkspaceScope scope, BudgetDbContext db, CancellationToken ct)
    {
        var model = Guid.TryParse(uuid, out var id)
            ? await ModelResponse.Query(db, scope.WorkspaceId).FirstOrDefaultAsync(m => m.Uuid == id, ct)
            : null;
        if (model is null)
        {
            return Problems.NotFound("The model");
        }
        Concurrency.SetETag(http, model.Version);
        return TypedResults.Ok((await ModelResponse.FromAsync(db, [model], ct))[0]);
    }
}
