using System.Text.RegularExpressions;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Names;

/// <summary>
/// The rules of labels and the one way to create them, used by the Labels module and by entries, templates
/// and plans that name a label that does not exist yet. A name is unique among the workspace's live labels,
/// ignoring case: a unique index on the normalized name guarantees it, so concurrent creates of one name
/// give one label (no check-then-write under SERIALIZABLE).
/// </summary>
public static partial class LabelBook
{
    public const string DefaultColor = "#000000";
    public const int NameMaxLength = UniqueNames.NameMaxLength;

    /// <summary>The trimmed name; null (reported under <paramref name="field"/>) when empty or too long.</summary>
    public static string? CheckName(string? name, string field, Validation validation) => UniqueNames.CheckName(name, field, validation);

    /// <summary>The colour (<c>#rgb</c>, <c>#rrggbb</c> or <c>#rrggbbaa</c>); null when empty, or invalid (reported).</summary>
    public static string? CheckColor(string? color, string field, Validation validation)
    {
        var trimmed = color?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (!ColorPattern().IsMatch(trimmed))
        {
            validation.Add(field, "must be a colour like #rgb, #rrggbb or #rrggbbaa.");
            return null;
        }
        return trimmed;
    }

    /// <summary>The workspace's live label of this name, ignoring case; tracked; null when there is none. A look-up by unique key (<see cref="GenericPlans"/>).</summary>
    public static Task<Label?> FindByNameAsync(BudgetDbContext db, int workspaceId, string name, CancellationToken ct)
    {
        var normalized = IUniquelyNamed.Normalize(name);
        return db.Labels.Where(l => l.WorkspaceId == workspaceId && l.NormalizedName == normalized).WithGenericPlan().FirstOrDefaultAsync(ct);
    }

    /// <summary>Creates and saves a label with checked <paramref name="name"/> and <paramref name="color"/>; null when a live label has the name.</summary>
    public static async Task<Label?> CreateAsync(BudgetDbContext db, int workspaceId, string name, string color, CancellationToken ct)
    {
        var label = new Label { WorkspaceId = workspaceId, Name = name, Color = color };
        return await UniqueNames.TryAddAsync(db, label, ct) ? label : null;
    }

    /// <summary>The live label of this (checked) name, found or created with <paramref name="color"/>.</summary>
    public static async Task<Label?> FindOrCreateAsync(BudgetDbContext db, int workspaceId, string name, string color, CancellationToken ct) =>
        await FindByNameAsync(db, workspaceId, name, ct)
        ?? await CreateAsync(db, workspaceId, name, color, ct)
        // Created by someone else between the look-up and the insert: theirs is the one.
        ?? await FindByNameAsync(db, workspaceId, name, ct);

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")]
    private static partial Regex ColorPattern();
}
