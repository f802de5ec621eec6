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
