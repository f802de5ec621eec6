using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Names;

/// <summary>
/// The rules of payees and the one way to create them, used by the Debt module and by debits, templates
/// and plans that name a payee that does not exist yet. A name is unique among the workspace's live payees,
/// ignoring case, guaranteed by a unique index on the normalized name.
/// </summary>
public static class PayeeBook
{
    public const int NameMaxLength = UniqueNames.NameMaxLength;

    /// <summary>The trimmed name; null (reported under <paramref name="field"/>) when empty or too long.</summary>
    public static string? CheckName(string? name, string field, Validation validation) => UniqueNames.CheckName(name, field, validation);

    /// <summary>The workspace's live payee of this name, ignoring case; tracked; null when there is none. A look-up by unique key (<see cref="GenericPlans"/>).</summary>
    public static Task<Payee?> FindByNameAsync(BudgetDbContext db, int workspaceId, string name, CancellationToken ct)
    {
        var normalized = IUniquelyNamed.Normalize(name);
        return db.Payees.Where(p => p.WorkspaceId == workspaceId && p.NormalizedName == normalized).WithGenericPlan().FirstOrDefaultAsync(ct);
    }

    /// <summary>Creates and saves a payee with a zero balance; null when a live payee has the name.</summary>
    public static async Task<Payee?> CreateAsync(BudgetDbContext db, int workspaceId, string name, CancellationToken ct)
    {
        var payee = new Payee { WorkspaceId = workspaceId, Name = name };
        return await UniqueNames.TryAddAsync(db, payee, ct) ? payee : null;
    }

    /// <summary>The live payee of this (checked) name, found or created.</summary>
    public static async Task<Payee?> FindOrCreateAsync(BudgetDbContext db, int workspaceId, string name, CancellationToken ct) =>
        await FindByNameAsync(db, workspaceId, name, ct)
        ?? await CreateAsync(db, workspaceId, name, ct)
        // Created by someone else between the look-up and the insert: theirs is the one.
        ?? await FindByNameAsync(db, workspaceId, name, ct);
}
