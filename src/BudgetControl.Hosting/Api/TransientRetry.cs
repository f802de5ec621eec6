using BudgetControl.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// The one retry policy for writes the database aborted for a transient concurrency reason (a PostgreSQL
/// deadlock or serialization failure, a busy SQLite file), applied as an endpoint filter: the handler runs
/// again from the start, with the request's change tracker cleared. Handlers therefore keep each write in
/// one transaction that can start over, and never retry by hand. What still fails after the last attempt
/// becomes a 409 in <see cref="ProblemExceptionHandler"/>.
/// </summary>
public static class TransientRetry
{
    private const int Attempts = 5;

    /// <summary>Runs the endpoints' handlers again on transient database failures.</summary>
    public static TBuilder WithTransientRetry<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await next(context);
                }
                catch (Exception ex) when (attempt < Attempts && IsTransient(ex))
                {
                    context.HttpContext.RequestServices.GetRequiredService<BudgetDbContext>().ChangeTracker.Clear();
                    await Task.Delay(Random.Shared.Next(5, 20 * attempt), context.HttpContext.RequestAborted);
                }
            }
        });
        return builder;
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

    /// <summary>True when the database refused a row because a unique index already holds its key.</summary>
    public static bool IsUniqueViolation(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                || ex is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 })
            {
                return true;
            }
        }
        return false;
    }
}
