using System.Data.Common;
using System.Text.RegularExpressions;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Labels.Labels;

/// <summary>Finding a label of the caller's workspace, the rules for its fields, and the answers every label handler shares.</summary>
internal static partial class LabelAccess
{
    public const string DefaultColor = "#000000";
    private const int NameMaxLength = 255;

    public static ProblemHttpResult NotFound() => Problems.NotFound("The label");

    public static ProblemHttpResult Stale() => Problems.Conflict("The label was changed by someone else; reload it and try again.");

    public static ProblemHttpResult NameTaken(string name) => Problems.Conflict($"A label named \"{name}\" already exists in this workspace.");

    public static ValidationProblem BadIfMatch() => Problems.Invalid("If-Match", "must be the label's version, e.g. \"3\".");

    /// <summary>The workspace's live label with this uuid, tracked; null for unknown, foreign, deleted or malformed uuids.</summary>
    public static async Task<Label?> FindAsync(BudgetDbContext db, WorkspaceScope scope, string uuid, CancellationToken ct) =>
        Guid.TryParse(uuid, out var id)
            ? await db.Labels.FirstOrDefaultAsync(l => l.WorkspaceId == scope.WorkspaceId && l.Uuid == id, ct)
            : null;

    /// <summary>The trimmed <c>name</c>; null when absent (reported when <paramref name="required"/>) or invalid (reported).</summary>
    public static string? Name(JsonBody body, bool required)
    {
        if (!required && !body.Has("name"))
        {
            return null;
        }
        var name = body.String("name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            if (!body.Failed("name"))
            {
                body.Reject("name", "is required.");
            }
            return null;
        }
        if (name.Length > NameMaxLength)
        {
            body.Reject("name", $"must be at most {NameMaxLength} characters.");
            return null;
        }
        return name;
    }

    /// <summary>The <c>color</c> (<c>#rgb</c>, <c>#rrggbb</c> or <c>#rrggbbaa</c>); null when absent or empty, or invalid (reported).</summary>
    public static string? Color(JsonBody body)
    {
        var color = body.String("color")?.Trim();
        if (string.IsNullOrEmpty(color))
        {
            return null;
        }
        if (!ColorPattern().IsMatch(color))
        {
            body.Reject("color", "must be a colour like #rgb, #rrggbb or #rrggbbaa.");
            return null;
        }
        return color;
    }

    /// <summary>True when another live label of the workspace has this name, ignoring case.</summary>
    public static Task<bool> NameTakenAsync(BudgetDbContext db, int workspaceId, string name, int exceptId, CancellationToken ct) =>
        SameName(db, workspaceId, name).AnyAsync(l => l.Id != exceptId, ct);

    /// <summary>The workspace's live labels named <paramref name="name"/>, ignoring case (lower() on both providers).</summary>
    public static IQueryable<Label> SameName(BudgetDbContext db, int workspaceId, string name)
    {
        var lowered = name.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower() to SQL lower(); string.Equals with a StringComparison it cannot
        return db.Labels.Where(l => l.WorkspaceId == workspaceId && l.Name.ToLower() == lowered);
#pragma warning restore CA1862
    }

    /// <summary>Saves; false when someone else changed the label since it was read.</summary>
    public static async Task<bool> TrySaveAsync(BudgetDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>True when the database refused a SERIALIZABLE transaction because a concurrent one conflicted (SQLSTATE 40001).</summary>
    public static bool IsSerializationFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { SqlState: "40001" })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>200 with the label and its version as ETag.</summary>
    public static Ok<LabelResponse> Ok(Label label, HttpContext http)
    {
        Concurrency.SetETag(http, label.Version);
        return TypedResults.Ok(LabelResponse.From(label));
    }

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")]
    private static partial Regex ColorPattern();
}
