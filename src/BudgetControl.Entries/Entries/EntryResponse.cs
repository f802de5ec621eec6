using System.Collections.Frozen;
using System.Linq.Expressions;
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
    /// The answer for one entry that <paramref name="entries"/> selects by key (its uuid or id). On PostgreSQL one statement
    /// with its labels, a look-up by key planned once per connection (<see cref="GenericPlans"/>); on SQLite the entry with
    /// its wallet, payee and goal, then its labels by id (see <see cref="ReadPageAsync"/> on joining labels there). The query
    /// filters leave a deleted wallet, payee or goal out of the answer, as <see cref="PageRelations"/> does for a page: show,
    /// list and restore answer the same.
    /// </summary>
    public static async Task<List<EntryRow>> ReadByKeyAsync(IQueryable<Entry> entries, BudgetDbContext db, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? await ReadAsync(entries.WithGenericPlan(), ct)
            : await ReadSeparatelyAsync(entries, db, ct);

    /// <summary>
    /// The answers for <paramref name="entries"/> (already filtered, ordered and paged by the caller), and the list's
    /// total: the sum of <paramref name="counters"/>, or else the number of <paramref name="counted"/> rows counted up to
    /// <see cref="Pagination.CountLimit"/> + 1 (<see cref="Pagination.BoundedTotal"/>); null when neither is given or when
    /// there is no row to carry it. In two statements on both providers: the page's entries with the total (the counters'
    /// sum or the bounded count as a scalar subquery evaluated once: a list that no counter answers, such as a date range,
    /// does not send its count on its own), planned for its values on PostgreSQL because its best plan depends on the
    /// workspace's size (its index scan reads the entries' heap rows anyway); then <see cref="PageRelations"/>: the page's
    /// live labels and the few fields of the wallets, payees and goals it refers to, by key, planned once per connection
    /// (<see cref="GenericPlans"/>). Reading the entries again by id in the second statement cost most of the list's
    /// database work (docs/performance.md, branch lists3); joining the labels to the page is not done on either provider
    /// (SQLite materializes the right side of a LEFT JOIN that is itself a join, which would read every label link of the
    /// database). <paramref name="entries"/> may select one row more than <paramref name="shown"/> to tell whether another
    /// page follows (<c>More</c>): that row is not returned, and its relations are not read.
    /// When <paramref name="entries"/> skips rows (an offset), pass its order as <paramref name="orderAfterSkip"/>: on
    /// PostgreSQL the skipped rows are then walked in the index only (their ids), and the page's rows read by key, instead
    /// of fetching every skipped row's heap tuple (a 1,500th page read 44,030 buffers instead of 268 + 124); SQLite keeps
    /// the plain offset (measured on PostgreSQL only).
    /// </summary>
    public static async Task<(List<EntryRow> Rows, long? Total, bool More)> ReadPageAsync(
        IQueryable<Entry> entries, Func<IQueryable<Entry>, IQueryable<Entry>>? orderAfterSkip, int shown, IQueryable<EntryCount>? counters,
        IQueryable<Entry>? counted, BudgetDbContext db, CancellationToken ct)
    {
        if (orderAfterSkip is not null && db.Database.IsNpgsql())
        {
            var skipping = entries;
            entries = orderAfterSkip(db.Entries.Where(e => skipping.Select(s => s.Id).Contains(e.Id)));
        }
        var page = counters is not null
            ? await entries.AsNoTracking().Select(e => new PagedEntry { Entry = e, Total = counters.Sum(c => c.Count) }).ToListAsync(ct)
            : counted is not null
            ? await entries.AsNoTracking().Select(e => new PagedEntry { Entry = e, Total = counted.Take(Pagination.CountLimit + 1).LongCount() }).ToListAsync(ct)
            : await entries.AsNoTracking().Select(e => new PagedEntry { Entry = e, Total = null }).ToListAsync(ct);
        if (page.Count == 0)
        {
            return ([], null, false);
        }
        var rows = await PageRelations.ReadAsync(page.ConvertAll(p => p.Entry), Math.Min(page.Count, shown), db, ct);
        return (rows, page[0].Total, page.Count > shown);
    }

    private static async Task<List<EntryRow>> ReadSeparatelyAsync(IQueryable<Entry> entries, BudgetDbContext db, CancellationToken ct)
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

    private static async Task<List<EntryRow>> ReadAsync(IQueryable<Entry> entries, CancellationToken ct)
    {
        var read = await entries.AsNoTracking().Select(ReadRow.Projection).ToListAsync(ct);
        var rows = new List<EntryRow>(read.Count);
        foreach (var item in read)
        {
            rows.Add(item.ToRow());
        }
        return rows;
    }

    /// <summary>
    /// An entry as the database returns it for an answer: the entry, the few fields of the rows it refers to, and its
    /// live labels.
    /// </summary>
    private sealed record ReadRow(EntryRow Row, List<LabelView> Labels)
    {
        public static readonly Expression<Func<Entry, ReadRow>> Projection = e => new ReadRow(
            new EntryRow(e,
                e.Wallet == null ? null : new WalletRef(e.Wallet.Uuid, e.Wallet.Name, e.Wallet.Type, e.Wallet.CurrencyId),
                e.TransferWallet == null ? null : e.TransferWallet.Uuid,
                e.Payee == null ? null : new NamedView(e.Payee.Uuid, e.Payee.Name),
                e.Goal == null ? null : new NamedView(e.Goal.Uuid, e.Goal.Name)),
            // Explicit: only live labels, also for a caller that ignores the query filters.
            e.Labels.Where(l => l.DeletedAt == null).Select(l => new LabelView(l.Uuid, l.Name, l.Color)).ToList());

        public EntryRow ToRow()
        {
            Row.Labels.AddRange(Labels.OrderBy(l => l.Name));
            return Row;
        }
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

    public static EntryResponse From(EntryRow row, WorkspaceInfo info)
    {
        var e = row.Entry;
        var currency = ReferenceData.CurrencyById(e.CurrencyId)!;
        var walletCurrency = row.Wallet is null ? null : ReferenceData.CurrencyById(row.Wallet.CurrencyId);
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
            ReferenceViews.SubCategory(e.CategoryId),
            ReferenceViews.Currency(e.CurrencyId),
            ReferenceViews.PaymentType(e.PaymentTypeId),
            row.Payee,
            row.Goal,
            e.Version, e.CreatedAt, e.UpdatedAt, e.DeletedAt);
    }
}

/// <summary>
/// The views of the static reference rows an entry shows, made once: every entry of a page shares them (immutable)
/// instead of allocating four objects per entry.
/// </summary>
internal static class ReferenceViews
{
    private static FrozenDictionary<int, SubCategoryView>? _subCategories;
    private static FrozenDictionary<int, CurrencyView>? _currencies;
    private static FrozenDictionary<int, PaymentTypeView>? _paymentTypes;

    public static SubCategoryView SubCategory(int id) => (_subCategories ??= ReferenceData.SubCategories.ToFrozenDictionary(s => s.Id, s =>
    {
        var cat = ReferenceData.CategoryById(s.CategoryId)!;
        return new SubCategoryView(s.Id, s.Uuid, s.Name, s.Slug, s.CategoryId, s.ExcludeFromStats, new CategoryView(cat.Id, cat.Uuid, cat.Name, cat.Slug, cat.Type.Name(), cat.Icon));
    }))[id];

    public static CurrencyView Currency(int id) =>
        (_currencies ??= ReferenceData.Currencies.ToFrozenDictionary(c => c.Id, c => new CurrencyView(c.Id, c.Name, c.Label, c.Icon, c.MinorUnits)))[id];

    public static PaymentTypeView PaymentType(int id) =>
        (_paymentTypes ??= ReferenceData.PaymentTypes.ToFrozenDictionary(p => p.Id, p => new PaymentTypeView(p.Id, p.Name, p.Slug)))[id];
}

/// <summary>An entry of a page, with the list's total when the page reads it (see <see cref="EntryResponse.ReadPageAsync"/>).</summary>
internal sealed class PagedEntry
{
    public required Entry Entry { get; init; }

    public long? Total { get; init; }
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
