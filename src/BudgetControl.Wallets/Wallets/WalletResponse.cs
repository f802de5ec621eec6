using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;
using CurrencyEntity = BudgetControl.Data.Entities.Currency;

namespace BudgetControl.Wallets.Wallets;

/// <summary>
/// A wallet as the API shows it: the original's field names, exact decimal money in the wallet's currency,
/// the currency's ISO code, uuids instead of internal ids. For voucher wallets <c>balance</c> and
/// <c>opening_balance</c> are the original's object <c>{value_in_voucher, value_in_valut}</c> [sic].
/// </summary>
internal sealed record WalletResponse(
    Guid Uuid,
    string Name,
    string? Color,
    string Type,
    bool Installement,
    decimal? InstallementValue,
    decimal? CreditLimit,
    string Currency,
    int CurrencyId,
    object Balance,
    object OpeningBalance,
    bool ExcludeFromStats,
    DateOnly? InvoiceDate,
    DateOnly? ClosingDate,
    Guid? PaymentAccount,
    int Sorting,
    decimal? VoucherValue,
    bool Archived,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

/// <summary>A voucher wallet's money: how many vouchers it holds and what they are worth.</summary>
internal sealed record VoucherBalance(decimal? ValueInVoucher, decimal ValueInValut);

internal static class WalletViews
{
    public static WalletResponse ToResponse(this Wallet wallet, CurrencyEntity currency, Guid? paymentAccount)
    {
        var units = currency.MinorUnits;
        decimal? Money(long? minor) => minor is { } value ? MoneyFormat.ToDecimal(value, units) : null;
        object Amount(long minor) => wallet.Type == WalletType.Voucher ? Vouchers(minor, wallet.VoucherValue, units) : MoneyFormat.ToDecimal(minor, units);
        return new WalletResponse(
            wallet.Uuid, wallet.Name, wallet.Color, wallet.Type.Name(), wallet.Installement,
            Money(wallet.InstallementValue), Money(wallet.CreditLimit), currency.Label, currency.Id,
            Amount(wallet.Balance), Amount(wallet.OpeningBalance), wallet.ExcludeFromStats,
            wallet.InvoiceDate, wallet.ClosingDate, paymentAccount, wallet.Sorting, Money(wallet.VoucherValue),
            wallet.Archived, wallet.Version, Microseconds(wallet.CreatedAt), Microseconds(wallet.UpdatedAt),
            wallet.DeletedAt is { } deleted ? Microseconds(deleted) : null);
    }

    /// <summary>One wallet's response; its currency and payment account are looked up.</summary>
    public static async Task<WalletResponse> ToResponseAsync(this Wallet wallet, BudgetDbContext db, CancellationToken ct) =>
        (await ToResponsesAsync([wallet], db, ct))[0];

    /// <summary>The responses of wallets of one workspace, in the given order, with two look-ups in all.</summary>
    public static async Task<List<WalletResponse>> ToResponsesAsync(IReadOnlyList<Wallet> wallets, BudgetDbContext db, CancellationToken ct)
    {
        if (wallets.Count == 0)
        {
            return [];
        }
        var currencyIds = wallets.Select(w => w.CurrencyId).Distinct().ToList();
        var currencies = currencyIds.ToDictionary(id => id, id => ReferenceData.CurrencyById(id)!);
        var workspaceId = wallets[0].WorkspaceId;
        var paymentIds = wallets.Where(w => w.PaymentAccountId is not null).Select(w => w.PaymentAccountId!.Value).Distinct().ToList();
        var paymentUuids = paymentIds.Count == 0
            ? new Dictionary<int, Guid>()
            : await db.Wallets.IgnoreQueryFilters().AsNoTracking()
                .Where(w => w.WorkspaceId == workspaceId && paymentIds.Contains(w.Id))
                .ToDictionaryAsync(w => w.Id, w => w.Uuid, ct);
        return wallets
            .Select(w => w.ToResponse(
                currencies[w.CurrencyId],
                w.PaymentAccountId is { } id && paymentUuids.TryGetValue(id, out var uuid) ? uuid : null))
            .ToList();
    }

    /// <summary>The precision PostgreSQL keeps, so a row reads the same before and after a round trip.</summary>
    private static DateTime Microseconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    private static VoucherBalance Vouchers(long minor, long? voucherValue, int units) =>
        new(voucherValue is > 0 ? minor / (decimal)voucherValue.Value : null, MoneyFormat.ToDecimal(minor, units));
}
