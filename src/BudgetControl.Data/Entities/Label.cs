namespace BudgetControl.Data.Entities;

public sealed class Label : IPublicRow, ISoftDeletable, IVersioned, IWorkspaceOwned, IUniquelyNamed
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public string Color { get; set; } = "#000000";
    public bool Archive { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>Someone who owes or is owed money; balance = sum of counted debit entries (negative: they owe you).</summary>
public sealed class Payee : IPublicRow, ISoftDeletable, IVersioned, IWorkspaceOwned, IUniquelyNamed
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public long Balance { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A savings goal; balance = sum of counted saving entries into it.</summary>
public sealed class Goal : IPublicRow, ISoftDeletable, IVersioned, IWorkspaceOwned
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Target amount, minor units of <see cref="CurrencyId"/>.</summary>
    public long Amount { get; set; }
    public int CurrencyId { get; set; } = ReferenceIds.DefaultCurrency;
    public string? Description { get; set; }
    public DateOnly? DueDate { get; set; }
    public GoalStatus Status { get; set; } = GoalStatus.Active;
    public string? CategoryIcon { get; set; }
    public long Balance { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A spending budget; its filters and period live in <see cref="Configuration"/> (JSON).</summary>
public sealed class Budget : IPublicRow, ISoftDeletable, IVersioned, IWorkspaceOwned
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public long Amount { get; set; }
    public string Configuration { get; set; } = "{}";
    public bool Notification { get; set; }
    public string? Emails { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
}
