using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Entries.Entries;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Planned;

/// <summary>
/// A planned (recurring) entry: the entry it will become plus <c>planning</c>, <c>date_time</c> (next
/// occurrence) and <c>end_date_time</c>, both shown in the workspace's time zone with their offset.
/// <c>amount</c> is an exact decimal in the plan's currency; wallets, payees, goals and labels are uuids.
/// </summary>
internal sealed record PlannedResponse(
    Guid Uuid,
    string Type,
    decimal Amount,
    string? Note,
    string Planning,
    string DateTime,
    string? EndDateTime,
    bool Confirmed,
    bool Transfer,
    int CategoryId,
    Guid? AccountId,
    Guid? TransferId,
    int CurrencyId,
    int PaymentType,
    Guid? PayeeId,
    Guid? GoalId,
    List<LabelView> Labels,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;

    /// <summary>The planned entries of a workspace with their labels.</summary>
    public static IQueryable<PlannedEntry> Query(BudgetDbContext db, int workspaceId) =>
        db.PlannedEntries.AsNoTracking().Include(p => p.Labels).Where(p => p.WorkspaceId == workspaceId);

    public static async Task<List<PlannedResponse>> FromAsync(BudgetDbContext db, IReadOnlyList<PlannedEntry> plans, WorkspaceInfo info, CancellationToken ct)
    {
        var relations = await TemplateRelations.LoadAsync(db,
            plans.Select(p => p.WalletId).Concat(plans.Select(p => p.TransferWalletId)),
            plans.Select(p => p.PayeeId), plans.Select(p => p.GoalId), plans.Select(p => p.CurrencyId), ct);
        return plans.Select(p => From(p, relations, info)).ToList();
    }

    public static async Task<PlannedResponse> LoadAsync(BudgetDbContext db, int workspaceId, int planId, WorkspaceInfo info, CancellationToken ct)
    {
        var plan = await Query(db, workspaceId).FirstAsync(p => p.Id == planId, ct);
        return (await FromAsync(db, [plan], info, ct))[0];
    }

    private static PlannedResponse From(PlannedEntry p, TemplateRelations relations, WorkspaceInfo info) => new(
        p.Uuid, p.Type.Name(),
        MoneyFormat.ToDecimal(p.Amount, relations.MinorUnits(p.CurrencyId)),
        p.Note, p.Planning.Name(), info.Format(p.DateTime), p.EndDateTime is { } end ? info.Format(end) : null,
        p.Confirmed, p.Type == EntryType.Transfer, p.CategoryId,
        relations.Wallet(p.WalletId), relations.Wallet(p.TransferWalletId), p.CurrencyId, p.PaymentTypeId,
        relations.Payee(p.PayeeId), relations.Goal(p.GoalId),
        p.Labels.Where(l => l.DeletedAt == null).OrderBy(l => l.Name).Select(l => new LabelView(l.Uuid, l.Name, l.Color)).ToList(),
        p.Version, p.CreatedAt, p.UpdatedAt, p.DeletedAt);
}
