using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

internal sealed record LabelView(Guid Uuid, string Name, string Color)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

internal sealed record WalletView(Guid Uuid, string Name, string Type, string Currency)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

internal sealed record CategoryView(int Id, Guid Uuid, string Name, string Slug, string Type, string Icon);

internal sealed record SubCategoryView(int Id, Guid Uuid, string Name, string Slug, int CategoryId, bool ExcludeFromStats, CategoryView Category);

internal sealed record CurrencyView(int Id, string Name, string Label, string Icon, int MinorUnits);

internal sealed record PaymentTypeView(int Id, string Name, string Slug);

internal sealed record NamedView(Guid Uuid, string Name)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

/// <summary>
/// An entry with its relations, in every answer (the original returned relations only from show and list).
/// Amounts are exact decimals: <c>amount</c> in the entry's currency, <c>wallet_amount</c> in the
/// wallet's, <c>base_amount</c> in the workspace's. Ids of wallets, payees, goals and labels are uuids.
/// </summary>
internal sealed record EntryResponse(
    Guid Uuid,
    string Type,
    decimal Amount,
    decimal WalletAmount,
    decimal BaseAmount,
    string DateTime,
    string? Note,
    bool Waranty,
    bool Transfer,
    bool Confirmed,
    bool Planned,
    bool Installment,
    bool ExcludeFromStats,
    int CategoryId,
    Guid? AccountId,
    Guid? TransferId,
    Guid? TransferRelation,
    int CurrencyId,
    int PaymentTypeId,
    Guid? PayeeId,
    Guid? GoalId,
    JsonElement? Geolocation,
    List<LabelView> Labels,
    WalletView? Wallet,
    SubCategoryView SubCategory,
    CurrencyView Currency,
    PaymentTypeView PaymentType,
    NamedView? Payee,
    NamedView? Goal,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt)
{
    /// <summary>Entries with the workspace rows the response needs, workspace-scoped; reference rows come from memory.</summary>
    public static IQueryable<Entry> Query(BudgetDbContext db, int workspaceId) =>
        Include(db.Entries.Where(e => e.WorkspaceId == workspaceId));

    /// <summary>The relations the response needs: to-one rows joined, labels in a second query.</summary>
    public static IQueryable<Entry> Include(IQueryable<Entry> entries) =>
        entries.AsNoTracking().AsSplitQuery()
            .Include(e => e.Labels)
            .Include(e => e.Wallet)
            .Include(e => e.TransferWallet)
            .Include(e => e.Payee)
            .Include(e => e.Goal);

    /// <summary>
    /// The answer for an entry this request has just written and still tracks: the rows it refers to were
    /// loaded to check the request, so only one that was not is read (no reload of the entry itself).
    /// </summary>
    public static async Task<EntryResponse> FromWrittenAsync(BudgetDbContext db, Entry entry, WorkspaceInfo info, CancellationToken ct)
    {
        var tracked = db.Entry(entry);
        if (entry.WalletId is not null && entry.Wallet is null)
        {
            await tracked.Reference(e => e.Wallet).LoadAsync(ct);
        }
        if (entry.TransferWalletId is not null && entry.TransferWallet is null)
        {
            await tracked.Reference(e => e.TransferWallet).LoadAsync(ct);
        }
        if (entry.PayeeId is not null && entry.Payee is null)
        {
            await tracked.Reference(e => e.Payee).LoadAsync(ct);
        }
        if (entry.GoalId is not null && entry.Goal is null)
        {
            await tracked.Reference(e => e.Goal).LoadAsync(ct);
        }
        return From(entry, info);
    }

    public static async Task<EntryResponse?> LoadAsync(BudgetDbContext db, int workspaceId, int entryId, WorkspaceInfo info, CancellationToken ct)
    {
        var entry = await Query(db, workspaceId).IgnoreQueryFilters().Where(e => e.WorkspaceId == workspaceId).FirstOrDefaultAsync(e => e.Id == entryId, ct);
        return entry is null ? null : From(entry, info);
    }

    public static EntryResponse From(Entry e, WorkspaceInfo info)
    {
        var sub = ReferenceData.SubCategoryById(e.CategoryId)!;
        var cat = ReferenceData.CategoryById(sub.CategoryId)!;
        var currency = ReferenceData.CurrencyById(e.CurrencyId)!;
        var walletCurrency = e.Wallet is null ? null : ReferenceData.CurrencyById(e.Wallet.CurrencyId);
        var paymentType = ReferenceData.PaymentTypeById(e.PaymentTypeId)!;
        return new EntryResponse(
            e.Uuid, e.Type.Name(),
            MoneyFormat.ToDecimal(e.Amount, currency.MinorUnits),
            MoneyFormat.ToDecimal(e.WalletAmount, walletCurrency?.MinorUnits ?? currency.MinorUnits),
            MoneyFormat.ToDecimal(e.BaseAmount, info.BaseMinorUnits),
            info.Format(e.DateTime), e.Note, e.Waranty, e.Transfer, e.Confirmed, e.Planned, e.Installment, e.ExcludeFromStats,
            e.CategoryId, e.Wallet?.Uuid, e.TransferWallet?.Uuid, e.TransferRelation, e.CurrencyId, e.PaymentTypeId,
            e.Payee?.Uuid, e.Goal?.Uuid,
            e.Geolocation is null ? null : JsonDocument.Parse(e.Geolocation).RootElement.Clone(),
            e.Labels.Where(l => l.DeletedAt == null).OrderBy(l => l.Name).Select(l => new LabelView(l.Uuid, l.Name, l.Color)).ToList(),
            e.Wallet is null ? null : new WalletView(e.Wallet.Uuid, e.Wallet.Name, e.Wallet.Type.Name(), walletCurrency?.Label ?? ""),
            new SubCategoryView(sub.Id, sub.Uuid, sub.Name, sub.Slug, sub.CategoryId, sub.ExcludeFromStats,
                new CategoryView(cat.Id, cat.Uuid, cat.Name, cat.Slug, cat.Type.Name(), cat.Icon)),
            new CurrencyView(currency.Id, currency.Name, currency.Label, currency.Icon, currency.MinorUnits),
            new PaymentTypeView(paymentType.Id, paymentType.Name, paymentType.Slug),
            e.Payee is null ? null : new NamedView(e.Payee.Uuid, e.Payee.Name),
            e.Goal is null ? null : new NamedView(e.Goal.Uuid, e.Goal.Name),
            e.Version, e.CreatedAt, e.UpdatedAt, e.DeletedAt);
    }
}

/// <summary>A transfer as the original answers it: the source side and the destination side.</summary>
internal sealed record TransferResponse(EntryResponse TransferThis, EntryResponse ToThis);
