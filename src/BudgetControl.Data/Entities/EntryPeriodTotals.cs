namespace BudgetControl.Data.Entities;

/// <summary>
/// The counted entries of one local calendar month (<see cref="Month"/> is its first day), per wallet,
/// sub-category and type: the same figures as <see cref="EntryDayTotal"/> summed over the month, kept by the
/// ledger in the same transaction and round trip. A long range reads its whole months here and only its
/// edge days from the day rows (<see cref="EntryTotals"/>). Wallet 0 means none.
/// </summary>
public sealed class EntryMonthTotal
{
    public int WorkspaceId { get; set; }
    public DateOnly Month { get; set; }
    public int WalletId { get; set; }
    public int CategoryId { get; set; }
    public EntryType Type { get; set; }
    /// <summary>Σ base_amount, minor units of the workspace currency.</summary>
    public long Total { get; set; }
    public long Count { get; set; }
}

/// <summary>
/// The same figures as <see cref="EntryMonthTotal"/> summed over a local calendar year (<see cref="Year"/> is its
/// first day), per wallet, sub-category and type, kept by the ledger in the same transaction and round trip. A range
/// of whole years (a yearly budget, last year's one-shot range) reads one row per wallet x sub-category x type of
/// each year instead of twelve. Keyed by wallet like the month rows, so the wallet's lock serialises its changes and
/// writes to different wallets never wait for each other. Wallet 0 means none.
/// </summary>
public sealed class EntryYearTotal
{
    public int WorkspaceId { get; set; }
    public DateOnly Year { get; set; }
    public int WalletId { get; set; }
    public int CategoryId { get; set; }
    public EntryType Type { get; set; }
    /// <summary>Σ base_amount, minor units of the workspace currency.</summary>
    public long Total { get; set; }
    public long Count { get; set; }
}

/// <summary>
/// The counted entries carrying one label, per local day, wallet, sub-category and type (an entry with two
/// labels is in the rows of both). Kept by the ledger on every write that changes an entry's figures or its
/// labels. Rows of a deleted label stay behind and are never read (reads keep live labels only).
/// </summary>
public sealed class EntryLabelDayTotal
{
    public int WorkspaceId { get; set; }
    public int LabelId { get; set; }
    public DateOnly Day { get; set; }
    public int WalletId { get; set; }
    public int CategoryId { get; set; }
    public EntryType Type { get; set; }
    public long Total { get; set; }
    public long Count { get; set; }
}

/// <summary>The label rows of <see cref="EntryLabelDayTotal"/> summed per local month (<see cref="Month"/> is its first day).</summary>
public sealed class EntryLabelMonthTotal
{
    public int WorkspaceId { get; set; }
    public int LabelId { get; set; }
    public DateOnly Month { get; set; }
    public int WalletId { get; set; }
    public int CategoryId { get; set; }
    public EntryType Type { get; set; }
    public long Total { get; set; }
    public long Count { get; set; }
}
