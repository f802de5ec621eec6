using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Hosting.Clients;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// The body of an entry create or update (the original's fields; differences in docs/differences.md). Wallets, goals and payees are
/// named by uuid (internal ids never leave the server); a debit's payee may also be named by name.
/// On update, an absent <c>labels</c> keeps the labels (the original cleared them). The original web
/// app's extra fields (<c>geolocalization</c>, <c>planning</c>, <c>end_date_time</c>, <c>name</c>, <c>type</c>)
/// are ignored, and its <c>"transfer_id": false</c> means none (issue 11).
/// </summary>
internal sealed record EntryRequest(
    decimal? Amount,
    string? DateTime,
    string? Note,
    int? CategoryId,
    [property: JsonConverter(typeof(LegacyReferenceConverter))] string? AccountId,
    JsonElement? CurrencyId,
    int? PaymentType,
    bool? Confirmed,
    bool? Waranty,
    bool? Installment,
    bool? ExcludeFromStats,
    JsonElement? Geolocation,
    JsonElement? PayeeId,
    [property: JsonConverter(typeof(LegacyReferenceConverter))] string? GoalId,
    JsonElement? Labels,
    [property: JsonConverter(typeof(LegacyReferenceConverter))] string? TransferId,
    string? WorkspaceId,
    int? Version);
