using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Hosting.Clients;

namespace BudgetControl.Entries.Planned;

/// <summary>
/// The body of a planned (recurring) entry create or full update. <c>date_time</c>
/// is the first or next occurrence and <c>end_date_time</c> the optional last one, both read in the
/// workspace's time zone unless they carry an offset. On update, an absent <c>labels</c> keeps the labels.
/// </summary>
internal sealed record PlannedRequest(
    string? DateTime,
    string? EndDateTime,
    string? Planning,
    string? Type,
    decimal? Amount,
    string? Note,
    int? CategoryId,
    [property: JsonConverter(typeof(LegacyReferenceConverter))] string? AccountId,
    [property: JsonConverter(typeof(LegacyReferenceConverter))] string? TransferId,
    JsonElement? CurrencyId,
    int? PaymentType,
    JsonElement? PayeeId,
    [property: JsonConverter(typeof(LegacyReferenceConverter))] string? GoalId,
    bool? Confirmed,
    JsonElement? Labels,
    int? Version);
