using BudgetControl.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Runs a write again when the database aborted it for a transient concurrency reason (a PostgreSQL
/// deadlock or serialization failure, a busy SQLite file). The work must be a whole transaction that
/// can start over; the change tracker is cleared between attempts.
/// </summary>
public static class TransientRetry
{
    private const int Attempts = 5;

    public static async Task<IResult> RunAsync(BudgetDbContext db, Func<Task<IResult>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (attempt < Attempts && IsTransient(ex))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20 * attempt));
            }
        }
    }

    /// <summary>True for failures that a retry of the same transaction can cure.</summary>
    public static bool IsTransient(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }
                || ex is SqliteException { SqliteErrorCode: 5 or 6 })
            {
                return true;
            }
        }
        return false;
    }
}
