using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting.Api;

namespace BudgetControl.SearchEngine.Search;

/// <summary>The answer of <c>POST /api/find</c>: the original's shape, plus the total's exactness and a cursor.</summary>
internal sealed record FindAnswer(IReadOnlyList<SearchResult> Data, FindPagination Pagination, bool Cached);

/// <summary>
/// The original's pagination object. <c>total</c> counts the matches up to three pages past the start of the
/// requested one (after the cursor, with a cursor): exact when they end there, else a lower bound with
/// <c>total_exact</c> false; <c>has_next_page</c> is decided by the rows read ahead; <c>next_cursor</c>
/// continues after the last row (ordered by rank, then newest first).
/// </summary>
internal sealed record FindPagination(int CurrentPage, int PerPage, long Total, int TotalPages, bool HasNextPage, bool HasPrevPage, bool TotalExact, string? NextCursor);

internal sealed record SearchNamed(Guid Uuid, string Name)
{
    [JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

internal sealed record SearchCurrency(int Id, string Slug, string Label, string Icon);

internal sealed record SearchCategory(int Id, string Slug, string Name, string Icon);

internal sealed record SearchSubCategory(int Id, string Slug, string Name, SearchCategory Category);

internal sealed record SearchPaymentType(int Id);

internal sealed record SearchLabel(Guid Uuid, string Name, string Color)
{
    [JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

/// <summary>
/// One found entry in the original's result shape (§6.3 of the reference), with uuids for ids (issue 11),
/// the columns the original returned as constants filled in, and the entry's <c>rank</c>.
/// </summary>
internal sealed record SearchResult(
    Guid Uuid,
    string DateTime,
    decimal Amount,
    decimal BaseAmount,
    string? Note,
    string Type,
    bool Waranty,
    bool Transfer,
    bool Confirmed,
    bool Planned,
    bool Installment,
    Guid? ModelId,
    SearchNamed? Wallet,
    Guid? TransferId,
    Guid? TransferRelation,
    SearchCurrency Currency,
    SearchSubCategory SubCategory,
    SearchPaymentType PaymentType,
    Guid? PayeeId,
    JsonElement? Geolocation,
    Guid WorkspaceId,
    bool ExcludeFromStats,
    SearchNamed? Payee,
    List<SearchLabel> Labels,
    int Rank)
{
    /// <summary>The answer for <paramref name="e"/>, whose labels are <paramref name="labelIds"/>; deleted labels, payees and wallets are not in <paramref name="names"/>, so not shown.</summary>
    public static SearchResult From(Entry e, List<int> labelIds, SearchNames names, int rank, Guid workspace, WorkspaceInfo info)
    {
        var wallet = e.WalletId is { } walletId ? names.Wallets.GetValueOrDefault(walletId) : null;
        var transferWallet = e.TransferWalletId is { } transferId ? names.Wallets.GetValueOrDefault(transferId) : null;
        var payee = e.PayeeId is { } payeeId ? names.Payees.GetValueOrDefault(payeeId) : null;
        var sub = ReferenceData.SubCategoryById(e.CategoryId)!;
        var cat = ReferenceData.CategoryById(sub.CategoryId)!;
        var currency = ReferenceData.CurrencyById(e.CurrencyId)!;
        return new SearchResult(
            e.Uuid, info.Format(e.DateTime),
            MoneyFormat.ToDecimal(e.Amount, currency.MinorUnits), MoneyFormat.ToDecimal(e.BaseAmount, info.BaseMinorUnits),
            e.Note, e.Type.Name(), e.Waranty, e.Transfer, e.Confirmed, e.Planned, e.Installment, null,
            wallet is null ? null : new SearchNamed(wallet.Uuid, wallet.Name),
            transferWallet?.Uuid, e.TransferRelation,
            new SearchCurrency(currency.Id, currency.Slug, currency.Label, currency.Icon),
            new SearchSubCategory(sub.Id, sub.Slug, sub.Name, new SearchCategory(cat.Id, cat.Slug, cat.Name, cat.Icon)),
            new SearchPaymentType(e.PaymentTypeId),
            payee?.Uuid,
            e.Geolocation is null ? null : JsonDocument.Parse(e.Geolocation).RootElement.Clone(),
            workspace, e.ExcludeFromStats,
            payee is null ? null : new SearchNamed(payee.Uuid, payee.Name),
            labelIds.Select(names.Labels.GetValueOrDefault).OfType<NamedRow>().OrderBy(l => l.Name).Select(l => new SearchLabel(l.Uuid, l.Name, l.Color)).ToList(),
            rank);
    }
}
