namespace BudgetControl.Data.Entities;

/// <summary>
/// The counted entries (confirmed, not planned, not deleted, not excluded from stats) of one local
/// calendar day, in the workspace's time zone, per wallet, sub-category and type: their summed
/// <see cref="Entry.BaseAmount"/> and how many they are. Kept by the ledger in the transaction of every
/// entry write, so statistics and budgets add up a few rows per day instead of scanning the history.
/// Wallet and sub-category are part of the key, so their "exclude from stats" flags are applied when
/// reading and may change at any time. Wallet 0 means none.
/// </summary>
public sealed class EntryDayTotal
{
    public int WorkspaceId { get; set; }
    public DateOnly Day { get; set; }
    public int WalletId { get; set; }
    public int CategoryId { get; set; }
    public EntryType Type { get; set; }
    /// <summary>Σ base_amount, minor units of the workspace currency.</summary>
    public long Total { get; set; }
    public long Count { get; set; }
}
