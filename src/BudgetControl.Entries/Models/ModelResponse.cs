using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Entries.Entries;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Models;

/// <summary>
/// A model (entry template). <c>amount</c> is an exact decimal in the model's currency; wallets, payees
/// and labels are named by uuid, as everywhere in the entries API.
/// </summary>
internal sealed record ModelResponse(
    Guid Uuid,
    string Name,
    string Type,
    decimal Amount,
    string? Note,
    int? CategoryId,
    Guid? AccountId,
    int CurrencyId,
    int PaymentType,
    Guid? PayeeId,
    List<LabelView> Labels,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;

    /// <summary>The models of a workspace with their labels.</summary>
    public static IQueryable<EntryModel> Query(BudgetDbContext db, int workspaceId) =>
        db.EntryModels.AsNoTracking().Include(m => m.Labels).Where(m => m.WorkspaceId == workspaceId);

    public static async Task<List<ModelResponse>> FromAsync(BudgetDbContext db, IReadOnlyList<EntryModel> models, CancellationToken ct)
    {
        var relations = await TemplateRelations.LoadAsync(db, models.Select(m => m.WalletId), models.Select(m => m.PayeeId), [], models.Select(m => m.CurrencyId), ct);
        return models.Select(m => From(m, relations)).ToList();
    }

    public static async Task<ModelResponse> LoadAsync(BudgetDbContext db, int workspaceId, int modelId, CancellationToken ct)
    {
        var model = await Query(db, workspaceId).FirstAsync(m => m.Id == modelId, ct);
        return (await FromAsync(db, [model], ct))[0];
    }

    private static ModelResponse From(EntryModel m, TemplateRelations relations) => new(
        m.Uuid, m.Name, m.Type.Name(),
        MoneyFormat.ToDecimal(m.Amount, relations.MinorUnits(m.CurrencyId)),
        m.Note, m.CategoryId, relations.Wallet(m.WalletId), m.CurrencyId, m.PaymentTypeId, relations.Payee(m.PayeeId),
        m.Labels.Where(l => l.DeletedAt == null).OrderBy(l => l.Name).Select(l => new LabelView(l.Uuid, l.Name, l.Color)).ToList(),
        m.Version, m.CreatedAt, m.UpdatedAt, m.DeletedAt);
}
