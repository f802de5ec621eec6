using BudgetControl.Data;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Names;

/// <summary>Saving rows whose name a unique index guards: a taken name is an answer (false), not an exception.</summary>
public static class UniqueNames
{
    public const int NameMaxLength = 255;

    /// <summary>The trimmed name; null (reported under <paramref name="field"/>) when empty or too long.</summary>
    public static string? CheckName(string? name, string field, Validation validation)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            validation.Add(field, "is required.");
            return null;
        }
        if (trimmed.Length > NameMaxLength)
        {
            validation.Add(field, $"must be at most {NameMaxLength} characters.");
            return null;
        }
        return trimmed;
    }

    /// <summary>Adds and saves <paramref name="row"/>; false (and the row forgotten) when the index already holds its name.</summary>
    public static async Task<bool> TryAddAsync<T>(BudgetDbContext db, T row, CancellationToken ct)
        where T : class
    {
        db.Add(row);
        if (await TrySaveAsync(db, ct))
        {
            return true;
        }
        db.Entry(row).State = EntityState.Detached;
        return false;
    }

    /// <summary>
    /// Saves; false when a unique index refused a name. Inside a caller's transaction EF Core rolls back to a
    /// savepoint, so the transaction stays usable (PostgreSQL would otherwise refuse every later statement).
    /// </summary>
    public static async Task<bool> TrySaveAsync(BudgetDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (TransientRetry.IsUniqueViolation(ex))
        {
            return false;
        }
    }
}
