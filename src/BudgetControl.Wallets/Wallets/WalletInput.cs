using System.Globalization;
using System.Text.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Data.Reference;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using CurrencyEntity = BudgetControl.Data.Entities.Currency;

namespace BudgetControl.Wallets.Wallets;

/// <summary>
/// The body of a wallet create or update: every field may be absent (unchanged on update), null (cleared
/// when optional) or of the wrong type (reported under its name). <c>currency</c> is an id or an ISO code;
/// <c>balance</c> and <c>opening_balance</c> are numbers, numeric strings, or for vouchers the
/// <c>{value_in_voucher, value_in_valut}</c> object a client read; <c>version</c> is the alternative to <c>If-Match</c>.
/// </summary>
internal sealed record WalletRequest(
    Optional<string?> Name,
    Optional<string?> Color,
    Optional<string?> Type,
    Optional<bool?> ExcludeFromStats,
    Optional<bool?> Installement,
    Optional<int?> Sorting,
    Optional<string?> ClosingDate,
    Optional<string?> InvoiceDate,
    Optional<JsonElement?> PaymentAccount,
    Optional<JsonElement?> Currency,
    Optional<decimal?> CreditLimit,
    Optional<decimal?> InstallementValue,
    Optional<decimal?> VoucherValue,
    Optional<JsonElement?> Balance,
    Optional<JsonElement?> OpeningBalance,
    int? Version);

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
        WalletRequest body, Validation validation, Wallet wallet, CurrencyEntity current, bool creating, BudgetDbContext db, CancellationToken ct)
    {
        ApplyText(body, validation, wallet, creating);
        wallet.ExcludeFromStats = Read(body.ExcludeFromStats, "exclude_from_stats", "must be true or false.", validation) ?? wallet.ExcludeFromStats;
        wallet.Installement = Read(body.Installement, "installement", "must be true or false.", validation) ?? wallet.Installement;
        wallet.Sorting = Read(body.Sorting, "sorting", "must be a whole number.", validation) ?? wallet.Sorting;
        if (body.ClosingDate.IsPresent || body.InvoiceDate.IsPresent)
        {
            // Calendar days are read in the workspace's time zone (a client's UTC midnight east of UTC is the next day).
            var zone = (await WorkspaceInfo.LoadAsync(db, wallet.WorkspaceId, ct)).TimeZone;
            wallet.ClosingDate = Date(body.ClosingDate, "closing_date", wallet.ClosingDate, zone, validation);
            wallet.InvoiceDate = Date(body.InvoiceDate, "invoice_date", wallet.InvoiceDate, zone, validation);
        }
        await ApplyPaymentAccountAsync(body.PaymentAccount, validation, wallet, db, ct);

        var currency = current;
        if (body.Currency.Value is { ValueKind: not JsonValueKind.Null } currencyValue)
        {
            if (FindCurrency(currencyValue) is { } found)
            {
                currency = found;
            }
            else
            {
                validation.Add("currency", "must be a known currency id or ISO 4217 code.");
                return current;
            }
        }
        wallet.CurrencyId = currency.Id;
        wallet.CreditLimit = Money(body.CreditLimit, "credit_limit", wallet.CreditLimit, current, currency, validation);
        wallet.InstallementValue = Money(body.InstallementValue, "installement_value", wallet.InstallementValue, current, currency, validation);
        wallet.VoucherValue = Money(body.VoucherValue, "voucher_value", wallet.VoucherValue, current, currency, validation);
        ApplyOpeningBalance(body, validation, wallet, creating, current, currency);
        CheckType(validation, wallet);
        return currency;
    }

    /// <summary>The value of a field that was sent; null when absent or null, or of the wrong type (reported).</summary>
    private static T? Read<T>(Optional<T> value, string field, string message, Validation validation) =>
        value.Check(validation, field, message) ? value.Value : default;

    private static void ApplyText(WalletRequest body, Validation validation, Wallet wallet, bool creating)
    {
        if (creating || body.Name.IsPresent)
        {
            var name = Read(body.Name, "name", "must be a string.", validation)?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                Require(validation, "name", false, "is required.");
            }
            else if (name.Length > NameMaxLength)
            {
                validation.Add("name", $"must be at most {NameMaxLength} characters.");
            }
            else
            {
                wallet.Name = name;
            }
        }
        if (body.Color.IsPresent)
        {
            var color = Read(body.Color, "color", "must be a string.", validation)?.Trim();
            if (color is { Length: > ColorMaxLength })
            {
                validation.Add("color", $"must be at most {ColorMaxLength} characters.");
            }
            else if (!validation.Has("color"))
            {
                wallet.Color = string.IsNullOrEmpty(color) ? null : color;
            }
        }
        if (creating || body.Type.IsPresent)
        {
            var text = Read(body.Type, "type", "must be a string.", validation);
            if (EnumNames.TryParse(text?.Trim(), out WalletType type))
            {
                wallet.Type = type;
            }
            else
            {
                Require(validation, "type", false, $"must be one of: {string.Join(", ", EnumNames.AllWalletTypes)}.");
            }
        }
    }

    private static async Task ApplyPaymentAccountAsync(Optional<JsonElement?> field, Validation validation, Wallet wallet, BudgetDbContext db, CancellationToken ct)
    {
        if (!field.IsPresent)
        {
            return;
        }
        var value = field.Value is { ValueKind: not JsonValueKind.Null } given ? given : (JsonElement?)null;
        if (value is null || (value.Value.ValueKind == JsonValueKind.String && value.Value.GetString() is ""))
        {
            wallet.PaymentAccountId = null;
            return;
        }
        int? id = null;
        if (value.Value.ValueKind == JsonValueKind.String && Guid.TryParse(value.Value.GetString(), out var uuid))
        {
            // Only a live wallet of the same workspace can pay the card.
            id = await db.Wallets.IdOfAsync(wallet.WorkspaceId, uuid, ct);
        }
        if (id is null)
        {
            validation.Add("payment_account", "must be the uuid of a wallet of this workspace.");
        }
        else if (id == wallet.Id)
        {
            validation.Add("payment_account", "cannot be the wallet itself.");
        }
        else
        {
            wallet.PaymentAccountId = id;
        }
    }

    private static void ApplyOpeningBalance(WalletRequest body, Validation validation, Wallet wallet, bool creating, CurrencyEntity from, CurrencyEntity to)
    {
        var useBalance = creating && body.Balance.IsPresent;
        var field = useBalance ? "balance" : "opening_balance";
        if ((useBalance ? body.Balance : body.OpeningBalance).Value is not { ValueKind: not JsonValueKind.Null } value)
        {
            if (from.Id != to.Id)
            {
                wallet.OpeningBalance = Rescale(validation, field, wallet.OpeningBalance, from, to);
            }
            return;
        }
        decimal? amount;
        if (wallet.Type == WalletType.Voucher)
        {
            // A count of vouchers; a client may send back the {value_in_voucher, value_in_valut} it read.
            var count = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("value_in_voucher", out var inVouchers)
                ? Decimal(field, inVouchers, validation)
                : Decimal(field, value, validation);
            if (count < 0)
            {
                validation.Add(field, "is a number of vouchers and must not be negative.");
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
            amount = Decimal(field, value, validation);
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
            validation.Add(field, wallet.Type == WalletType.Voucher
                ? $"times voucher_value must be an amount of {to.Label} with at most {to.MinorUnits} decimal digits."
                : TooPrecise(to));
        }
    }

    private static void CheckType(Validation body, Wallet wallet)
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
    private static void Require(Validation validation, string field, bool ok, string message)
    {
        if (!ok && !validation.Has(field))
        {
            validation.Add(field, message);
        }
    }

    /// <summary>The field's new minor units, or the stored ones (re-expressed when the currency changes).</summary>
    private static long? Money(Optional<decimal?> sent, string field, long? stored, CurrencyEntity from, CurrencyEntity to, Validation validation)
    {
        if (sent.IsPresent)
        {
            var value = Read(sent, field, "must be a number.", validation);
            if (value is null)
            {
                return validation.Has(field) ? stored : null;
            }
            if (MoneyFormat.TryToMinor(value.Value, to.MinorUnits, out var minor))
            {
                return minor;
            }
            validation.Add(field, TooPrecise(to));
            return stored;
        }
        return stored is { } amount && from.Id != to.Id ? Rescale(validation, field, amount, from, to) : stored;
    }

    /// <summary>The same decimal amount in the new currency's minor units (12.50 EUR becomes 12.50 USD).</summary>
    private static long Rescale(Validation validation, string field, long minor, CurrencyEntity from, CurrencyEntity to)
    {
        var amount = MoneyFormat.ToDecimal(minor, from.MinorUnits);
        if (MoneyFormat.TryToMinor(amount, to.MinorUnits, out var rescaled))
        {
            return rescaled;
        }
        validation.Add(field, $"{amount.ToString(CultureInfo.InvariantCulture)} cannot be expressed in {to.Label}; send {field} for the new currency.");
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

    /// <summary>A calendar date in any form of the shared parser (<see cref="Hosting.Clients.ClientDates"/>), read in <paramref name="zone"/>.</summary>
    private static DateOnly? Date(Optional<string?> sent, string field, DateOnly? stored, TimeZoneInfo zone, Validation validation)
    {
        if (!sent.IsPresent)
        {
            return stored;
        }
        var text = Read(sent, field, "must be a string.", validation)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return validation.Has(field) ? stored : null;
        }
        if (Hosting.Clients.ClientDates.TryParseDay(text, zone, out var date))
        {
            return date;
        }
        validation.Add(field, "must be a date (yyyy-MM-dd or ISO 8601).");
        return stored;
    }

    /// <summary>An exact decimal number: a JSON number, or a numeric string as the original's clients send; null (reported) otherwise.</summary>
    private static decimal? Decimal(string field, JsonElement value, Validation validation)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }
        if (value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }
        validation.Add(field, "must be a number.");
        return null;
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
