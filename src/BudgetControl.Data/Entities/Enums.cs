namespace BudgetControl.Data.Entities;

/// <summary>Wallet types, stored with the original API's spelling ("cache" is cash).</summary>
public enum WalletType
{
    Bank,
    Cache,
    CreditCard,
    CreditCardRevolving,
    Investment,
    Loan,
    Other,
    PrepaidCard,
    Voucher,
}

/// <summary>Entry types, stored with the original API's spelling.</summary>
public enum EntryType
{
    Expenses,
    Incoming,
    Transfer,
    Debit,
    Saving,
}

/// <summary>Recurrence of planned entries; "once-shot"/"one-shot" of the original map to <see cref="OneShot"/>.</summary>
public enum Planning
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
    OneShot,
}

public enum GoalStatus
{
    Active,
    Complete,
    Pending,
    Paused,
}

public enum CategoryType
{
    Expenses,
    Incoming,
    Investments,
}

/// <summary>Membership roles, ordered by power: a higher value may do everything a lower one may.</summary>
public enum WorkspaceRole
{
    Viewer = 0,
    Member = 1,
    Admin = 2,
    Owner = 3,
}
