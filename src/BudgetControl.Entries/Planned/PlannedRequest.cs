using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Clients;

namespace BudgetControl.Entries.Planned;

/// <summary>
/// The body of a planned (recurring) entry create or update. <c>date_time</c> is the first or next occurrence
/// and <c>end_date_time</c> the optional last one, both read in the workspace's time zone unless they carry an
/// offset. An update is partial, like a template's (<see cref="Optional{T}"/>): an absent field keeps the stored
/// value, a present <c>null</c> clears an optional field (end_date_time, note, payee, labels) and is a 400 for a
/// required one, and a value of the wrong type is a 400 naming the field.
/// </summary>
internal sealed record PlannedRequest(
    Optional<string?> DateTime,
    Optional<string?> EndDateTime,
    Optional<string?> Planning,
    Optional<string?> Type,
    Optional<decimal?> Amount,
    Optional<string?> Note,
    Optional<int?> CategoryId,
    [property: JsonConverter(typeof(LegacyOptionalReferenceConverter))] Optional<string?> AccountId,
    [property: JsonConverter(typeof(LegacyOptionalReferenceConverter))] Optional<string?> TransferId,
    Optional<JsonElement?> CurrencyId,
    Optional<int?> PaymentType,
    Optional<JsonElement?> PayeeId,
    [property: JsonConverter(typeof(LegacyOptionalReferenceConverter))] Optional<string?> GoalId,
    Optional<bool?> Confirmed,
    Optional<JsonElement?> Labels,
    int? Version)
{
    /// <summary>Reports every field that was sent with a value of the wrong type.</summary>
    public void CheckTypes(Validation validation)
    {
        DateTime.Check(validation, "date_time", "must be a date and time such as 2025-03-28 10:00 or 2025-03-28T10:00:00+01:00.");
        EndDateTime.Check(validation, "end_date_time", "must be a date and time (or null for a plan without end).");
        Planning.Check(validation, "planning", "must be a string: one of daily, weekly, monthly, yearly, one-shot.");
        Type.Check(validation, "type", "must be a string.");
        Amount.Check(validation, "amount", "must be a number.");
        Note.Check(validation, "note", "must be a string.");
        CategoryId.Check(validation, "category_id", "must be a whole number.");
        AccountId.Check(validation, "account_id", "must be the uuid of a wallet.");
        TransferId.Check(validation, "transfer_id", "must be the uuid of a wallet.");
        PaymentType.Check(validation, "payment_type", "must be a whole number.");
        GoalId.Check(validation, "goal_id", "must be the uuid of a goal.");
        Confirmed.Check(validation, "confirmed", LenientBoolean.Expected);
    }
}
