using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// A payee as the API shows it. <c>balance</c> is an exact decimal of <c>currency</c> (the workspace base
/// currency): negative means the payee owes you, positive that you owe the payee.
/// </summary>
internal sealed record PayeeResponse(
    Guid Uuid, string Name, decimal Balance, string Currency, int Version, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt)
{
    /// <summary>The original clients pick objects by <c>id</c> and send it back; ours is the uuid (issue 11).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Guid Id => Uuid;
}

internal static class PayeeMapping
{
    public static PayeeResponse ToResponse(this Payee payee, WorkspaceInfo workspace) =>
        new(payee.Uuid, payee.Name, MoneyFormat.ToDecimal(payee.Balance, workspace.BaseMinorUnits), workspace.BaseCurrencyCode,
            payee.Version, payee.CreatedAt, payee.UpdatedAt, payee.DeletedAt);
}

/// <summary>Finds payees inside the caller's workspace only; anything else is "not found".</summary>
internal static class PayeeLookup
{
    public const int NameMaxLength = 255;

    public static async Task<Payee?> FindAsync(BudgetDbContext db, WorkspaceScope scope, string uuid, CancellationToken ct) =>
        Guid.TryParse(uuid, out var id)
            ? await db.Payees.FirstOrDefaultAsync(p => p.WorkspaceId == scope.WorkspaceId && p.Uuid == id, ct)
            : null;

    /// <summary>
    /// Whether another live payee of the workspace has this name, ignoring case. Compared here rather than
    /// in SQL because SQLite's lower() knows only ASCII; a workspace has few payees.
    /// </summary>
    public static async Task<bool> NameTakenAsync(BudgetDbContext db, WorkspaceScope scope, string name, int? exceptId, CancellationToken ct)
    {
        var names = await db.Payees.AsNoTracking()
            .Where(p => p.WorkspaceId == scope.WorkspaceId && p.Id != exceptId)
            .Select(p => p.Name)
            .ToListAsync(ct);
        return names.Any(n => string.Equals(n.Trim(), name, StringComparison.InvariantCultureIgnoreCase));
    }

    public static ProblemHttpResult NotFound() => Problems.NotFound("The payee");

    public static ProblemHttpResult NameConflict(string name) => Problems.Conflict($"A payee named '{name}' already exists in this workspace.");
}
