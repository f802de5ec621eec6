namespace BudgetControl.Data.Entities;

/// <summary>
/// How many live (not deleted) entries a workspace has per wallet, type and planned flag. Kept by the
/// ledger in the transaction of every entry write, so that a list's <c>total</c> is a sum of a few
/// counters instead of a count over the workspace's whole history. Keyed by wallet because the ledger
/// already holds that wallet's row: the counter adds no new point of contention. Wallet 0 means none.
/// </summary>
public sealed class EntryCount
{
    public int WorkspaceId { get; set; }
    public int WalletId { get; set; }
    public EntryType Type { get; set; }
    public bool Planned { get; set; }
    public long Count { get; set; }
}
