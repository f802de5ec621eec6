namespace BudgetControl.Data.Entities;

/// <summary>
/// A money movement. <see cref="Amount"/> is signed, in minor units of <see cref="CurrencyId"/>;
/// <see cref="WalletAmount"/> is the same movement in the wallet's currency (equal when they match).
/// Only confirmed, non-planned, non-deleted entries count towards balances.
/// </summary>
public sealed class Entry : IPublicRow, ISoftDeletable, IVersioned, IWorkspaceOwned, IEntryShaped
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public EntryType Type { get; set; }
    public long Amount { get; set; }
    public int CurrencyId { get; set; } = ReferenceIds.DefaultCurrency;
    public Currency? Currency { get; set; }
    public long WalletAmount { get; set; }
    /// <summary>The same movement in the workspace's base currency (what goals, payees and statistics add up).</summary>
    public long BaseAmount { get; set; }
    /// <summary>The instant of the entry, UTC.</summary>
    public DateTime DateTime { get; set; }
    public string? Note { get; set; }
    public bool Waranty { get; set; }
    public bool Transfer { get; set; }
    public bool Confirmed { get; set; } = true;
    public bool Planned { get; set; }
    public bool Installment { get; set; }
    public int CategoryId { get; set; }
    public SubCategory? Category { get; set; }
    public int? WalletId { get; set; }
    public Wallet? Wallet { get; set; }
    /// <summary>Transfers: the counterpart wallet.</summary>
    public int? TransferWalletId { get; set; }
    public Wallet? TransferWallet { get; set; }
    /// <summary>Transfers: the counterpart entry's uuid.</summary>
    public Guid? TransferRelation { get; set; }
    public int PaymentTypeId { get; set; } = ReferenceIds.DefaultPaymentType;
    public PaymentType? PaymentType { get; set; }
    public int? PayeeId { get; set; }
    public Payee? Payee { get; set; }
    public int? GoalId { get; set; }
    public Goal? Goal { get; set; }
    /// <summary>Free-form geolocation JSON, stored as given.</summary>
    public string? Geolocation { get; set; }
    public bool ExcludeFromStats { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
    public List<Label> Labels { get; set; } = [];
}
