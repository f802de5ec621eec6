using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Clients;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// The body of an entry create or update (the original's fields; differences in docs/differences.md). Wallets, goals and payees are
/// named by uuid (internal ids never leave the server); a debit's payee may also be named by name.
/// Each field is an <see cref="Optional{T}"/>: on update an absent field keeps the stored value, a present
/// <c>null</c> clears an optional one (note, payee, labels, geolocation) and is a 400 for a required one
/// (amount, date_time, account_id; transfer_id of a transfer; goal_id of a saving; payee_id of a debit), and a value
/// of the wrong type is a 400 naming the field. The original web app's extra fields (<c>geolocalization</c>,
/// <c>planning</c>, <c>end_date_time</c>, <c>name</c>, <c>type</c>) are ignored, and its
/// <c>"transfer_id": false</c> means none (issue 11).
/// </summary>
internal sealed record EntryRequest(
    Optional<decimal?> Amount,
    Optional<string?> DateTime,
    Optional<string?> Note,
    Optional<int?> CategoryId,
    [property: JsonConverter(typeof(LegacyOptionalReferenceConverter))] Optional<string?> AccountId,
    Optional<JsonElement?> CurrencyId,
    Optional<int?> PaymentType,
    Optional<bool?> Confirmed,
    Optional<bool?> Waranty,
    Optional<bool?> Installment,
    Optional<bool?> ExcludeFromStats,
    Optional<JsonElement?> Geolocation,
    Optional<JsonElement?> PayeeId,
    [property: JsonConverter(typeof(LegacyOptionalReferenceConverter))] Optional<string?> GoalId,
    Optional<JsonElement?> Labels,
    [property: JsonConverter(typeof(LegacyOptionalReferenceConverter))] Optional<string?> TransferId,
    Optional<string?> WorkspaceId,
    int? Version)
{
    /// <summary>Reports every field that was sent with a value of the wrong type.</summary>
    public void CheckTypes(Validation validation)
    {
        Amount.Check(validation, "amount", "must be a number.");
        DateTime.Check(validation, "date_time", "must be a date and time such as 2025-03-28 10:38 or 2025-03-28T10:38:00+01:00.");
        Note.Check(validation, "note", "must be a string.");
        CategoryId.Check(validation, "category_id", "must be a whole number.");
        AccountId.Check(validation, "account_id", "must be the uuid of a wallet.");
        PaymentType.Check(validation, "payment_type", "must be a whole number.");
        Confirmed.Check(validation, "confirmed", LenientBoolean.Expected);
        Waranty.Check(validation, "waranty", LenientBoolean.Expected);
        Installment.Check(validation, "installment", LenientBoolean.Expected);
        ExcludeFromStats.Check(validation, "exclude_from_stats", LenientBoolean.Expected);
        GoalId.Check(validation, "goal_id", "must be the uuid of a goal.");
        TransferId.Check(validation, "transfer_id", "must be the uuid of a wallet.");
        WorkspaceId.Check(validation, "workspace_id", "must be the uuid of the destination workspace.");
    }
}
