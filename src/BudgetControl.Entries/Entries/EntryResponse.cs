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
    /// <summary>
    /// The answers for <paramref name="entries"/> (already filtered, ordered and paged by the caller), in two
    /// queries: the entries with the few fields of the wallet, payee and goal they refer to (not those whole
    /// rows), then the labels of exactly those entries by id. Reference rows come from memory.
    /// </summary>
    public static async Task<List<EntryRow>> ReadAsync(IQueryable<Entry> entries, BudgetDbContext db, CancellationToken ct)
    {
        var rows = await entries.AsNoTracking()
            .Select(e => new EntryRow(e,
                e.Wallet == null ? null : new WalletRef(e.Wallet.Uuid, e.Wallet.Name, e.Wallet.Type, e.Wallet.CurrencyId),
                e.TransferWallet == null ? null : e.TransferWallet.Uuid,
                e.Payee == null ? null : new NamedView(e.Payee.Uuid, e.Payee.Name),
                e.Goal == null ? null : new NamedView(e.Goal.Uuid, e.Goal.Name)))
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return rows;
        }
        var ids = rows.Select(r => r.Entry.Id).ToList();
        var labels = await db.Entries.IgnoreQueryFilters().Where(e => ids.Contains(e.Id))
            .SelectMany(e => e.Labels.Where(l => l.DeletedAt == null), (e, l) => new { EntryId = e.Id, View = new LabelView(l.Uuid, l.Name, l.Color) })
            .ToListAsync(ct);
        var byEntry = labels.ToLookup(l => l.EntryId, l => l.View);
        foreach (var row in rows)
        {
            row.Labels.AddRange(byEntry[row.Entry.Id].OrderBy(l => l.Name));
        }
        return rows;
    }

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
        var row = new EntryRow(entry,
            entry.Wallet is { } w ? new WalletRef(w.Uuid, w.Name, w.Type, w.CurrencyId) : null,
            entry.TransferWallet?.Uuid,
            entry.Payee is { } p ? new NamedView(p.Uuid, p.Name) : null,
            entry.Goal is { } g ? new NamedView(g.Uuid, g.Name) : null);
        row.Labels.AddRange(entry.Labels.Where(l => l.DeletedAt == null).OrderBy(l => l.Name).Select(l => new LabelView(l.Uuid, l.Name, l.Color)));
        return From(row, info);
    }

    /// <summary>One entry of the workspace by internal id, deleted or not (the answer after a write).</summary>
    public static async Task<EntryResponse?> LoadAsync(BudgetDbContext db, int workspaceId, int entryId, WorkspaceInfo info, CancellationToken ct)
    {
        var rows = await ReadAsync(db.Entries.IgnoreQueryFilters().Where(e => e.WorkspaceId == workspaceId && e.Id == entryId), db, ct);
        return rows.Count == 0 ? null : From(rows[0], info);
    }

    public static EntryResponse From(EntryRow row, WorkspaceInfo info)
    {
        var e = row.Entry;
        var sub = ReferenceData.SubCategoryById(e.CategoryId)!;
        var cat = ReferenceData.CategoryById(sub.CategoryId)!;
        var currency = ReferenceData.CurrencyById(e.CurrencyId)!;
        var walletCurrency = row.Wallet is null ? null : ReferenceData.CurrencyById(row.Wallet.CurrencyId);
        var paymentType = ReferenceData.PaymentTypeById(e.PaymentTypeId)!;
        return new EntryResponse(
            e.Uuid, e.Type.Name(),
            MoneyFormat.ToDecimal(e.Amount, currency.MinorUnits),
            MoneyFormat.ToDecimal(e.WalletAmount, walletCurrency?.MinorUnits ?? currency.MinorUnits),
            MoneyFormat.ToDecimal(e.BaseAmount, info.BaseMinorUnits),
            info.Format(e.DateTime), e.Note, e.Waranty, e.Transfer, e.Confirmed, e.Planned, e.Installment, e.ExcludeFromStats,
            e.CategoryId, row.Wallet?.Uuid, row.TransferWallet, e.TransferRelation, e.CurrencyId, e.PaymentTypeId,
            row.Payee?.Uuid, row.Goal?.Uuid,
            e.Geolocation is null ? null : JsonDocument.Parse(e.Geolocation).RootElement.Clone(),
            row.Labels,
            row.Wallet is null ? null : new WalletView(row.Wallet.Uuid, row.Wallet.Name, row.Wallet.Type.Name(), walletCurrency?.Label ?? ""),
            new SubCategoryView(sub.Id, sub.Uuid, sub.Name, sub.Slug, sub.CategoryId, sub.ExcludeFromStats,
                new CategoryView(cat.Id, cat.Uuid, cat.Name, cat.Slug, cat.Type.Name(), cat.Icon)),
            new CurrencyView(currency.Id, currency.Name, currency.Label, currency.Icon, currency.MinorUnits),
            new PaymentTypeView(paymentType.Id, paymentType.Name, paymentType.Slug),
            row.Payee,
            row.Goal,
            e.Version, e.CreatedAt, e.UpdatedAt, e.DeletedAt);
    }
}

/// <summary>The fields of an entry's wallet that its answer shows.</summary>
internal sealed record WalletRef(Guid Uuid, string Name, WalletType Type, int CurrencyId);

/// <summary>An entry as read for its answer: the entry row, the few fields of the rows it refers to, its live labels by name.</summary>
internal sealed record EntryRow(Entry Entry, WalletRef? Wallet, Guid? TransferWallet, NamedView? Payee, NamedView? Goal)
{
    public List<LabelView> Labels { get; } = [];
}

/// <summary>A transfer as the original answers it: the source side and the destination side.</summary>
internal sealed record TransferResponse(EntryResponse TransferThis, EntryResponse ToThis);
