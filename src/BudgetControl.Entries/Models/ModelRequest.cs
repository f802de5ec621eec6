using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using BudgetControl.Hosting.Clients;

namespace BudgetControl.Entries.Models;

/// <summary>
/// The body of a model (entry template) create or update. An update is partial, as in the original: only
/// the fields present change, and a present <c>null</c> clears an optional field (<see cref="Optional{T}"/>).
/// Wallets and payees are named by uuid; a payee may also be named by name; the currency by id or ISO code.
/// <c>version</c> is the alternative to <c>If-Match</c>.
/// </summary>
internal sealed record ModelRequest(
    Optional<string?> Name,
    Optional<string?> Type,
    Optional<decimal?> Amount,
    Optional<string?> Note,
    Optional<int?> CategoryId,
    [property: JsonConverter(typeof(LegacyOptionalReferenceConverter))] Optional<string?> AccountId,
    Optional<JsonElement?> CurrencyId,
    Optional<int?> PaymentType,
    Optional<JsonElement?> PayeeId,
    Optional<JsonElement?> Labels,
    int? Version)
{
    /// <summary>Reports every field that was sent with a value of the wrong type.</summary>
    public void CheckTypes(Validation validation)
    {
        Name.Check(validation, "name", "must be a string.");
        Type.Check(validation, "type", "must be a string.");
        Amount.Check(validation, "amount", "must be a number.");
        Note.Check(validation, "note", "must be a string.");
        CategoryId.Check(validation, "category_id", "must be a whole number.");
        AccountId.Check(validation, "account_id", "must be the uuid of a wallet.");
        PaymentType.Check(validation, "payment_type", "must be a whole number.");
    }
}
