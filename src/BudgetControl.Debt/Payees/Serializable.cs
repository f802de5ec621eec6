using System.Data;
using BudgetControl.Data;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// Runs a check-then-write (is the name free? then save) in a SERIALIZABLE transaction, so two writers of
/// one name cannot both pass the check; the one the database aborts starts over and sees the other's row.
/// </summary>
internal static class Serializable
{
    private const int MaxAttempts = 5;

    public static async Task<T> RunAsync<T>(BudgetDbContext db, Func<Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
                var result = await work();
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (Exception ex) when (attempt < MaxAttempts && TransientRetry.IsTransient(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
