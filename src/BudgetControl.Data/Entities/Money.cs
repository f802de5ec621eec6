namespace BudgetControl.Data.Entities;

/// <summary>
/// An exchange rate a workspace keeps for one currency: one unit of <see cref="CurrencyId"/> is worth
/// <see cref="Rate"/> units of the workspace's base currency. Rates are user-edited, not money.
/// </summary>
public sealed class ExchangeRate : IWorkspaceOwned, IVersioned
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public int CurrencyId { get; set; }
    public Currency? Currency { get; set; }
    public decimal Rate { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// The first answer to a POST sent with an <c>Idempotency-Key</c>: a retry with the same key gets this
/// answer again and creates nothing twice.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public int UserId { get; set; }
    public string Key { get; set; } = "";
    /// <summary>Method, path and a hash of the body: the same key with another request is refused.</summary>
    public string RequestFingerprint { get; set; } = "";
    public int StatusCode { get; set; }
    public string ResponseBody { get; set; } = "";
    public string? Location { get; set; }
    public DateTime CreatedAt { get; set; }
}
