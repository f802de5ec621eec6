namespace BudgetControl.Hosting.Jobs;

/// <summary>
/// What the jobs worker asks of the entries module (which owns entries, plans and the ledger): every
/// money movement a job causes goes through the same resolution and ledger as the HTTP endpoints, in one
/// transaction, so balances and the per-wallet entry counters stay exact. Registered by <c>AddEntriesModule</c>.
/// </summary>
public interface IScheduledEntries
{
    /// <summary>
    /// Writes the occurrence of plan <paramref name="planId"/> on <paramref name="occurrenceDate"/> (a day in the
    /// workspace's time zone) at <paramref name="occurrenceUtc"/> as an entry, unless that occurrence exists already.
    /// </summary>
    Task<ScheduledOutcome> MaterialiseAsync(int planId, DateOnly occurrenceDate, DateTime occurrenceUtc, CancellationToken ct);

    /// <summary>Counts the planned (future-dated) entries of a workspace whose instant has come; returns how many.</summary>
    Task<int> ActivateDueAsync(int workspaceId, DateTime nowUtc, CancellationToken ct);

    /// <summary>
    /// Settles the statement of credit card <paramref name="cardWalletId"/> due on <paramref name="invoiceDate"/>: a
    /// transfer of the amount due from its payment wallet, then the statement dates roll one month. Once per statement.
    /// </summary>
    Task<ScheduledOutcome> SettleCardAsync(int cardWalletId, DateOnly invoiceDate, CancellationToken ct);
}

/// <summary>What one scheduled write did: <see cref="Done"/>, <see cref="AlreadyDone"/> (idempotent repeat) or failed.</summary>
public sealed record ScheduledOutcome(ScheduledResult Result, string? Error = null, long Amount = 0)
{
    public static ScheduledOutcome Done(long amount = 0) => new(ScheduledResult.Done, null, amount);

    public static readonly ScheduledOutcome AlreadyDone = new(ScheduledResult.AlreadyDone);

    public static ScheduledOutcome Failed(string error) => new(ScheduledResult.Failed, error);
}

public enum ScheduledResult
{
    Done,
    AlreadyDone,
    Failed,
}
