using BudgetControl.Data.Entities;

namespace BudgetControl.Labels.Labels;

/// <summary>A label as the API shows it (the original's fields without internal ids; <c>version</c> is for If-Match).</summary>
internal sealed record LabelResponse(
    Guid Uuid, string Name, string Color, bool Archive, int Version, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;

    public static LabelResponse From(Label label) =>
        new(label.Uuid, label.Name, label.Color, label.Archive, label.Version, Microseconds(label.CreatedAt), Microseconds(label.UpdatedAt),
            label.DeletedAt is { } deleted ? Microseconds(deleted) : null);

    /// <summary>The precision PostgreSQL keeps, so a row reads the same before and after a round trip.</summary>
    private static DateTime Microseconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
