using System.Globalization;
using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;
using CurrencyEntity = BudgetControl.Data.Entities.Currency;

namespace BudgetControl.Wallets.Wallets;

/// <summary>
/// Applies a create or update body to a wallet and checks the result, per type. Only the fields the body
/// names change (null clears an optional one). Money is read in the wallet's (new) currency; the stored
/// <see cref="Wallet.Balance"/> is never touched here: balances are derived, and the handlers shift them.
/// </summary>
internal static class WalletInput
{
    public const int NameMaxLength = 255;
    public const int ColorMaxLength = 70;

    /// <summary>
    /// Applies <paramref name="body"/> to <paramref name="wallet"/>, whose money is in <paramref name="current"/>.
    /// On create the opening balance is <c>balance</c> (or <c>opening_balance</c>); on update it is
    /// <c>opening_balance</c> only, and <c>balance</c> is ignored. For vouchers either is a count of vouchers.
    /// Returns the wallet's currency afterwards; errors are reported through <paramref name="body"/>.
    /// </summary>
    public static async Task<CurrencyEntity> ApplyAsync(
        JsonBody body, Wallet wallet, CurrencyEntity current, bool creating, BudgetDbContext db, CancellationToken ct)
    {
        ApplyText(body, wallet, creating);
        wallet.ExcludeFromStats = body.Bool("exclude_from_stats") ?? wallet.ExcludeFromStats;
        wallet.Installement = body.Bool("installement") ?? wallet.Installement;
        wallet.Sorting = body.Int("sorting") ?? wallet.Sorting;
        wallet.ClosingDate = Date(body, "closing_date", wallet.ClosingDate);
        wallet.InvoiceDate = Date(body, "invoice_date", wallet.InvoiceDate);
        await ApplyPaymentAccountAsync(body, wallet, db, ct);

        var currency = current;
        if (body.Element("currency") is { } currencyValue)
        {
            if (FindCurrency(currencyValue) is { } found)
            {
                currency = found;
            }
            else
            {
                body.Reject("currency", "must be a known currency id or ISO 4217 code.");
                return current;
            }
        }
        wallet.CurrencyId = currency.Id;
        wallet.CreditLimit = Money(body, "credit_limit", wallet.CreditLimit, current, currency);
        wallet.InstallementValue = Money(body, "installement_value", wallet.InstallementValue, current, currency);
        wallet.VoucherValue = Money(body, "voucher_value", wallet.VoucherValue, current, currency);
        ApplyOpeningBalance(body, wallet, creating, current, currency);
        CheckType(body, wallet);
        return currency;
    }

    private static void ApplyText(JsonBody body, Wallet wallet, bool creating)
    {
        if (creating || body.Has("name"))
        {
            var name = body.String("name")?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                Require(body, "name", false, "is required.");
            }
            else if (name.Length > NameMaxLength)
            {
                body.Reject("name", $"must be at most {NameMaxLength} characters.");
            }
            else
            {
                wallet.Name = name;
            }
        }
        if (body.Has("color"))
        {
            var color = body.String("color")?.Trim();
            if (color is { Length: > ColorMaxLength })
            {
                body.Reject("color", $"must be at most {ColorMaxLength} characters.");
            }
            else if (!body.Failed("color"))
            {
                wallet.Color = string.IsNullOrEmpty(color) ? null : color;
            }
        }
        if (creating || body.Has("type"))
        {
            var text = body.String("type");
            if (EnumNames.TryParse(text?.Trim(), out WalletType type))
            {
                wallet.Type = type;
            }
            else
            {
                Require(body, "type", false, $"must be one of: {string.Join(", ", EnumNames.AllWalletTypes)}.");
            }
        }
    }

    private static async Task ApplyPaymentAccountAsync(JsonBody body, Wallet wallet, BudgetDbContext db, CancellationToken ct)
    {
        if (!body.Has("payment_account"))
        {
            return;
        }
        var value = body.Element("payment_account");
        if (value is null || (value.Value.ValueKind == JsonValueKind.String && value.Value.GetString() is ""))
        {
            wallet.PaymentAccountId = null;
            return;
        }
        int? id = null;
        if (value.Value.ValueKind == JsonValueKind.String && Guid.TryParse(value.Value.GetString(), out var uuid))
        {
            // Only a live wallet of the same workspace can pay the card.
            id = await db.Wallets.Where(w => w.WorkspaceId == wallet.WorkspaceId && w.Uuid == uuid).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        }
        if (id is null)
        {
            body.Reject("payment_account", "must be the uuid of a wallet of this workspace.");
        }
        else if (id == wallet.Id)
        {
            body.Reject("payment_account", "cannot be the wallet itself.");
        }
        else
        {
            wallet.PaymentAccountId = id;
        }
    }

    private static void ApplyOpeningBalance(JsonBody body, Wallet wallet, bool creating, CurrencyEntity from, CurrencyEntity to)
    {
        var field = creating && body.Has("balance") ? "balance" : "opening_balance";
        if (body.Element(field) is not { } value)
        {
            if (from.Id != to.Id)
            {
                wallet.OpeningBalance = Rescale(body, field, wallet.OpeningBalance, from, to);
            }
            return;
        }
        decimal? amount;
        if (wallet.Type == WalletType.Voucher)
        {
            // A count of vouchers; a client may send back the {value_in_voucher, value_in_valut} it read.
            var count = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("value_in_voucher", out var inVouchers)
                ? body.Decimal(field, inVouchers)
                : body.Decimal(field, value);
            if (count < 0)
            {
                body.Reject(field, "is a number of vouchers and must not be negative.");
                return;
            }
            if (count is null || wallet.VoucherValue is not > 0)
            {
                return; // the count or voucher_value is already reported
            }
            amount = Multiply(count.Value, MoneyFormat.ToDecimal(wallet.VoucherValue.Value, to.MinorUnits));
        }
        else
        {
            amount = body.Decimal(field, value);
            if (amount is null)
            {
                return;
            }
        }
        if (amount is { } exact && MoneyFormat.TryToMinor(exact, to.MinorUnits, out var minor))
        {
            wallet.OpeningBalance = minor;
        }
        else
        {
            body.Reject(field, wallet.Type == WalletType.Voucher
                ? $"times voucher_value must be an amount of {to.Label} with at most {to.MinorUnits} decimal digits."
                : TooPrecise(to));
        }
    }

    private static void CheckType(JsonBody body, Wallet wallet)
    {
        if (wallet.Type is WalletType.CreditCard or WalletType.CreditCardRevolving)
        {
            Require(body, "payment_account", wallet.PaymentAccountId is not null, "is required for credit cards: the wallet that pays the card.");
            Require(body, "closing_date", wallet.ClosingDate is not null, "is required for credit cards.");
            Require(body, "invoice_date", wallet.InvoiceDate is not null, "is required for credit cards.");
        }
        if (wallet.Type == WalletType.CreditCardRevolving)
        {
            Require(body, "installement_value", wallet.InstallementValue is > 0, "must be greater than 0 for revolving credit cards.");
        }
        Require(body, "installement_value", wallet.InstallementValue is null or >= 0, "must not be negative.");
        Require(body, "voucher_value", wallet.Type != WalletType.Voucher || wallet.VoucherValue is > 0, "must be greater than 0 for voucher wallets.");
        Require(body, "voucher_value", wallet.VoucherValue is null or > 0, "must be greater than 0.");
        Require(body, "credit_limit", wallet.CreditLimit is null or >= 0, "must not be negative.");
    }

    /// <summary>Reports <paramref name="message"/> unless <paramref name="ok"/> or the field is already reported.</summary>
    private static void Require(JsonBody body, string field, bool ok, string message)
    {
        if (!ok && !body.Failed(field))
        {
            body.Reject(field, message);
        }
    }

    /// <summary>The field's new minor units, or the stored ones (re-expressed when the currency changes).</summary>
    private static long? Money(JsonBody body, string field, long? stored, CurrencyEntity from, CurrencyEntity to)
    {
        if (body.Has(field))
        {
            var value = body.Decimal(field);
            if (value is null)
            {
                return body.Failed(field) ? stored : null;
            }
            if (MoneyFormat.TryToMinor(value.Value, to.MinorUnits, out var minor))
            {
                return minor;
            }
            body.Reject(field, TooPrecise(to));
            return stored;
        }
        return stored is { } amount && from.Id != to.Id ? Rescale(body, field, amount, from, to) : stored;
    }

    /// <summary>The same decimal amount in the new currency's minor units (12.50 EUR becomes 12.50 USD).</summary>
    private static long Rescale(JsonBody body, string field, long minor, CurrencyEntity from, CurrencyEntity to)
    {
        var amount = MoneyFormat.ToDecimal(minor, from.MinorUnits);
        if (MoneyFormat.TryToMinor(amount, to.MinorUnits, out var rescaled))
        {
            return rescaled;
        }
        body.Reject(field, $"{amount.ToString(CultureInfo.InvariantCulture)} cannot be expressed in {to.Label}; send {field} for the new currency.");
        return minor;
    }

    private static decimal? Multiply(decimal count, decimal unit)
    {
        try
        {
            return count * unit;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static string TooPrecise(CurrencyEntity currency) =>
        currency.MinorUnits == 0
            ? $"must be a whole number for {currency.Label}, or is too large."
            : $"must have at most {currency.MinorUnits} decimal digits for {currency.Label}, or is too large.";

    /// <summary>A calendar date: <c>yyyy-MM-dd</c>, or the original's ATOM date-time (its date is taken).</summary>
    private static DateOnly? Date(JsonBody body, string field, DateOnly? stored)
    {
        if (!body.Has(field))
        {
            return stored;
        }
        var text = body.String(field)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return body.Failed(field) ? stored : null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        if (text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return DateOnly.FromDateTime(instant.DateTime);
        }
        body.Reject(field, "must be a date (yyyy-MM-dd).");
        return stored;
    }

    /// <summary>The currency named by an id (number or numeric string) or an ISO 4217 code; null when unknown.</summary>
    private static CurrencyEntity? FindCurrency(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt32(out var id) ? ReferenceData.CurrencyById(id) : null;
        }
        if (value.ValueKind != JsonValueKind.String || value.GetString()?.Trim() is not { Length: > 0 } text)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric))
        {
            return ReferenceData.CurrencyById(numeric);
        }
        return text.Length == 3 ? ReferenceData.CurrencyByCode(text) : null;
    }
}
