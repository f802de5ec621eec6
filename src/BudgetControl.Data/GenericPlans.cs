using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BudgetControl.Data;

/// <summary>
/// Statements whose plan cannot depend on their values: a look-up by primary or unique key, an update or upsert of
/// one row by key. PostgreSQL plans every execution for its values (<c>plan_cache_mode=force_custom_plan</c>,
/// <see cref="DatabaseOptions"/>), because a generic plan of the entry list read a whole 1M-entry workspace
/// (docs/performance.md); for these statements that re-planning was most of the database's work (entry show:
/// 1.27 ms of planning for 0.06 ms of execution). Marked with <see cref="WithGenericPlan{T}"/> (a LINQ query) or
/// <see cref="Mark"/> (raw SQL), a command runs on PostgreSQL as <c>SET plan_cache_mode = force_generic_plan;</c>
/// the statements <c>; RESET plan_cache_mode</c>: one round trip, and once Npgsql has prepared it (<c>Max Auto
/// Prepare</c>) it is planned once per connection. Do not mark a statement whose best plan depends on the tenant's
/// size (lists, ranges, searches, aggregates): those keep their custom plans. SQLite ignores the mark (a comment).
/// </summary>
public static class GenericPlans
{
    /// <summary>The query tag (EF Core writes it as the comment <c>-- generic plan</c> at the head of the SQL).</summary>
    public const string Tag = "generic plan";

    private const string Marker = "-- " + Tag;

    /// <summary>Marks a look-up by key: on PostgreSQL its plan is made once per connection (see <see cref="GenericPlans"/>).</summary>
    public static IQueryable<T> WithGenericPlan<T>(this IQueryable<T> query) => query.TagWith(Tag);

    /// <summary>Marks raw SQL of writes by key (one or several statements) as <see cref="WithGenericPlan{T}"/> does.</summary>
    public static string Mark(string sql) => Marker + "\n" + sql;

    private const string SerialMarker = "-- serial plan";

    /// <summary>
    /// Marks raw SQL that PostgreSQL must run without parallel workers, the same way: <c>SET max_parallel_workers_per_gather = 0;</c>
    /// the statement <c>; RESET max_parallel_workers_per_gather</c>. For the aggregates' reads (<see cref="EntryTotals"/>): a
    /// <c>UNION ALL</c> of a few small index scans, which the planner runs as a Parallel Append whose two workers cost more
    /// than the scans (budgets stats at 1M on the loaded machine: 39.5 ms median with workers, 10.6 ms without).
    /// </summary>
    public static string MarkSerial(string sql) => SerialMarker + "\n" + sql;

    /// <summary>The command text PostgreSQL runs for a marked command; others are left as they are (null).</summary>
    internal static string? Wrapped(string commandText) =>
        commandText.StartsWith(Marker, StringComparison.Ordinal)
            // SET and RESET run in the statements' own transaction (implicit, or the caller's): a failure rolls the
            // SET back with it, so the session never keeps generic plans for the statements that follow.
            ? "SET plan_cache_mode = force_generic_plan;\n" + commandText.TrimEnd().TrimEnd(';') + ";\nRESET plan_cache_mode"
            : commandText.StartsWith(SerialMarker, StringComparison.Ordinal)
            ? "SET max_parallel_workers_per_gather = 0;\n" + commandText.TrimEnd().TrimEnd(';') + ";\nRESET max_parallel_workers_per_gather"
            : null;
}

/// <summary>Applies <see cref="GenericPlans"/> to the PostgreSQL commands that carry its mark.</summary>
internal sealed class GenericPlanInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Wrap(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Wrap(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Wrap(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Wrap(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Wrap(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Wrap(command);
        return ValueTask.FromResult(result);
    }

    private static void Wrap(DbCommand command)
    {
        if (GenericPlans.Wrapped(command.CommandText) is { } wrapped)
        {
            command.CommandText = wrapped;
        }
    }
}
