namespace BudgetControl.Data.Entities;

/// <summary>An entry template ("model" in the original API).</summary>
public sealed class EntryModel : IPublicRow, ISoftDeletable, IVersioned, IWorkspaceOwned, IEntryShaped
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    public EntryType Type { get; set; }
    public long Amount { get; set; }
    public int CurrencyId { get; set; } = ReferenceIds.DefaultCurrency;
    public string? Note { get; set; }
    public int? CategoryId { get; set; }
    public int? WalletId { get; set; }
    public int PaymentTypeId { get; set; } = ReferenceIds.DefaultPaymentType;
    public int? PayeeId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
    public List<Label> Labels { get; set; } = [];
}

/// <summary>A recurring plan that the jobs worker materialises into entries.</summary>
public sealed class PlannedEntry : IPublicRow, ISoftDeletable, IVersioned, IWorkspaceOwned, IEntryShaped
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public EntryType Type { get; set; }
    public long Amount { get; set; }
    public int CurrencyId { get; set; } = ReferenceIds.DefaultCurrency;
    public string? Note { get; set; }
    public Planning Planning { get; set; }
    /// <summary>First (or next) occurrence, UTC.</summary>
    public DateTime DateTime { get; set; }
    public DateTime? EndDateTime { get; set; }
    public bool Confirmed { get; set; } = true;
    public int CategoryId { get; set; }
    public int? WalletId { get; set; }
    public int? TransferWalletId { get; set; }
    public int PaymentTypeId { get; set; } = ReferenceIds.DefaultPaymentType;
    public int? PayeeId { get; set; }
    public int? GoalId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
    public List<Label> Labels { get; set; } = [];
}
