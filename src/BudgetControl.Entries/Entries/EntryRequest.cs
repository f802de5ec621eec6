using System.Text.Json;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// The body of an entry create or update (the original's fields; differences in docs/differences.md). Wallets, goals and payees are
/// named by uuid (internal ids never leave the server); a debit's payee may also be named by name.
/// On update, an absent <c>labels</c> keeps the labels (the original cleared them).
/// </summary>
internal sealed record EntryRequest(
    decimal? Amount,
    string? DateTime,
    string? Note,
    int? CategoryId,
    string? AccountId,
    JsonElement? CurrencyId,
    int? PaymentType,
    bool? Confirmed,
    bool? Waranty,
    bool? Installment,
    bool? ExcludeFromStats,
    JsonElement? Geolocation,
    JsonElement? PayeeId,
    string? GoalId,
    JsonElement? Labels,
    string? TransferId,
    string? WorkspaceId,
    int? Version);
