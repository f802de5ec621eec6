using System.Text.Json;

namespace BudgetControl.Entries.Models;

/// <summary>
/// The body of a model (entry template) create or update. An update is partial,
/// as in the original: only the fields present change, and a present <c>null</c> clears an optional
/// field. So the request remembers which fields the JSON carried (the serializer calls only their setters).
/// Wallets and payees are named by uuid; a payee may also be named by name; the currency by id or ISO code.
/// </summary>
internal sealed class ModelRequest
{
    private readonly HashSet<string> _present = [];

    public string? Name { get; init { field = value; _present.Add("name"); } }

    public string? Type { get; init { field = value; _present.Add("type"); } }

    public decimal? Amount { get; init { field = value; _present.Add("amount"); } }

    public string? Note { get; init { field = value; _present.Add("note"); } }

    public int? CategoryId { get; init { field = value; _present.Add("category_id"); } }

    public string? AccountId { get; init { field = value; _present.Add("account_id"); } }

    public JsonElement? CurrencyId { get; init { field = value; _present.Add("currency_id"); } }

    public int? PaymentType { get; init { field = value; _present.Add("payment_type"); } }

    public JsonElement? PayeeId { get; init { field = value; _present.Add("payee_id"); } }

    public JsonElement? Labels { get; init { field = value; _present.Add("labels"); } }

    /// <summary>The version the client read (alternative to <c>If-Match</c>).</summary>
    public int? Version { get; init; }

    /// <summary>Whether the body carried <paramref name="field"/> (its JSON name), even as null.</summary>
    public bool Has(string field) => _present.Contains(field);
}
