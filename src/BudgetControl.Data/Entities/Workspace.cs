namespace BudgetControl.Data.Entities;

public sealed class Workspace : IPublicRow, ISoftDeletable, IVersioned
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int OwnerId { get; set; }
    public User? Owner { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Version { get; set; }
    public List<WorkspaceMember> Members { get; set; } = [];
    public WorkspaceSettings? Settings { get; set; }
}

/// <summary>A user's membership of a workspace, with a role.</summary>
public sealed class WorkspaceMember
{
    public int WorkspaceId { get; set; }
    public Workspace? Workspace { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public WorkspaceRole Role { get; set; }
    /// <summary>When this user last activated the workspace; the latest one is the user's "current"/"last".</summary>
    public DateTime? LastActivatedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// The workspace settings in one shape (the original had three JSON shapes in one text column):
/// base currency, default payment type, time zone and locale.
/// </summary>
public sealed class WorkspaceSettings : IPublicRow, IVersioned
{
    public const string AppConfigurations = "app_configurations";

    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int WorkspaceId { get; set; }
    public string Setting { get; set; } = AppConfigurations;
    public int CurrencyId { get; set; } = ReferenceIds.DefaultCurrency;
    public Currency? Currency { get; set; }
    public int PaymentTypeId { get; set; } = ReferenceIds.DefaultPaymentType;
    public PaymentType? PaymentType { get; set; }
    /// <summary>IANA time zone id, e.g. "Europe/Rome".</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>BCP 47 locale, e.g. "en" or "it-IT".</summary>
    public string Locale { get; set; } = "en";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
