namespace BudgetControl.Data.Entities;

/// <summary>A row the API exposes: internal integer key, public UUID, timestamps.</summary>
public interface IPublicRow
{
    int Id { get; set; }
    Guid Uuid { get; set; }
    DateTime CreatedAt { get; set; }
    DateTime UpdatedAt { get; set; }
}

/// <summary>A row soft-deleted by setting <see cref="DeletedAt"/>, as in the original.</summary>
public interface ISoftDeletable
{
    DateTime? DeletedAt { get; set; }
}

/// <summary>A row that clients edit: <see cref="Version"/> is its optimistic-concurrency token.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>A row that belongs to one workspace (the tenant boundary).</summary>
public interface IWorkspaceOwned
{
    int WorkspaceId { get; set; }
}

/// <summary>
/// A row whose name is unique among the workspace's live rows, ignoring case. <see cref="NormalizedName"/>
/// is the name upper-cased in C# (<see cref="string.ToUpperInvariant"/>, right beyond ASCII, where SQLite's
/// upper() is not), set on every save by the context and covered by a unique index.
/// </summary>
public interface IUniquelyNamed
{
    string Name { get; set; }

    string NormalizedName { get; set; }

    /// <summary>The normalized form of <paramref name="name"/>, as stored in <see cref="NormalizedName"/>.</summary>
    static string Normalize(string name) => name.Trim().ToUpperInvariant();
}

/// <summary>The columns entries, templates and plans share, so that their lists filter them one way.</summary>
public interface IEntryShaped
{
    EntryType Type { get; set; }

    int CurrencyId { get; set; }

    int? WalletId { get; set; }

    int PaymentTypeId { get; set; }

    int? PayeeId { get; set; }
}
