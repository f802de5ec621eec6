namespace BudgetControl.Data.Entities;

/// <summary>
/// A wallet. Money is in minor units of the wallet's currency. <see cref="Balance"/> is derived from
/// <see cref="OpeningBalance"/> and the wallet's counted entries, and kept in the same transaction as
/// every entry write; it is never assigned from a request.
/// </summary>
public sealed class Wallet : IPublicRow, ISoftDeletable, IVersioned, IWorkspaceOwned
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    public string? Color { get; set; }
    public WalletType Type { get; set; }
    public bool Installement { get; set; }
    public long? InstallementValue { get; set; }
    public long? CreditLimit { get; set; }
    public int CurrencyId { get; set; } = ReferenceIds.DefaultCurrency;
    public Currency? Currency { get; set; }
    public long OpeningBalance { get; set; }
    public long Balance { get; set; }
    public bool ExcludeFromStats { get; set; }
    public DateOnly? InvoiceDate { get; set; }
    public DateOnly? ClosingDate { get; set; }
    public int? PaymentAccountId { get; set; }
    public Wallet? PaymentAccount { get; set; }
    public int Sorting { get; set; }
    /// <summary>Value of one voucher in minor units (voucher wallets).</summary>
    public long? VoucherValue { get; set; }
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
}
