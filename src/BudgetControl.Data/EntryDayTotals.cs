using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BudgetControl.Data;

/// <summary>
/// SQL of the daily aggregates (<see cref="Entities.EntryDayTotal"/>). The local day of an entry depends on
/// its workspace's time zone: PostgreSQL converts with <c>AT TIME ZONE</c>; SQLite calls
/// <c>bc_local_day</c>, a function this process registers on every connection (<see cref="SqliteFunctions"/>).
/// </summary>
public static class EntryDayTotals
{
    private const string Counted = "e.deleted_at IS NULL AND e.confirmed AND NOT e.planned AND NOT e.exclude_from_stats";
    private const string ZoneOfEntry = "COALESCE((SELECT s.time_zone FROM workspace_settings s WHERE s.workspace_id = e.workspace_id ORDER BY s.id LIMIT 1), 'UTC')";

    /// <summary>Fills the aggregates from every workspace's entries (the migration's backfill), PostgreSQL.</summary>
    public const string RebuildAllPostgres = $"""
        INSERT INTO entry_day_totals (workspace_id, day, wallet_id, category_id, type, total, count)
        SELECT e.workspace_id, CAST(e.date_time AT TIME ZONE {ZoneOfEntry} AS date), COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*)
        FROM entries e WHERE {Counted}
        GROUP BY e.workspace_id, CAST(e.date_time AT TIME ZONE {ZoneOfEntry} AS date), COALESCE(e.wallet_id, 0), e.category_id, e.type
        """;

    /// <summary>Fills the aggregates from every workspace's entries (the migration's backfill), SQLite.</summary>
    public const string RebuildAllSqlite = $"""
        INSERT INTO entry_day_totals (workspace_id, day, wallet_id, category_id, type, total, count)
        SELECT e.workspace_id, bc_local_day(e.date_time, {ZoneOfEntry}), COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*)
        FROM entries e WHERE {Counted}
        GROUP BY e.workspace_id, bc_local_day(e.date_time, {ZoneOfEntry}), COALESCE(e.wallet_id, 0), e.category_id, e.type
        """;

    private const string ZoneOfWorkspace = "COALESCE((SELECT s.time_zone FROM workspace_settings s WHERE s.workspace_id = {0} ORDER BY s.id LIMIT 1), 'UTC')";

    private const string Increment = """
        INSERT INTO entry_day_totals (workspace_id, day, wallet_id, category_id, type, total, count) VALUES ({0}, DAY, {2}, {3}, {4}, {5}, {6})
        ON CONFLICT (workspace_id, day, wallet_id, category_id, type) DO UPDATE SET total = entry_day_totals.total + excluded.total, count = entry_day_totals.count + excluded.count
        """;

    private static readonly string IncrementPostgres = Increment.Replace("DAY", $"CAST({{1}} AT TIME ZONE {ZoneOfWorkspace} AS date)", StringComparison.Ordinal);
    private static readonly string IncrementSqlite = Increment.Replace("DAY", $"bc_local_day({{1}}, {ZoneOfWorkspace})", StringComparison.Ordinal);

    /// <summary>
    /// Adds to the row of the local day of a UTC instant, creating it when missing; the day is computed by the
    /// statement from the workspace's stored time zone, as the rebuild above does. Parameters: workspace, UTC
    /// instant (kind UTC), wallet, sub-category, type, amount, count.
    /// </summary>
    public static string IncrementAtSql(bool postgres) => postgres ? IncrementPostgres : IncrementSqlite;

    /// <summary>
    /// Rebuilds one workspace's aggregates from its entries (after its time zone changed). Call inside the
    /// transaction of that change, after locking the workspace's wallets, so no entry write interleaves.
    /// </summary>
    public static async Task RebuildWorkspaceAsync(BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM entry_day_totals WHERE workspace_id = {0}", [workspaceId], ct);
        var all = db.Database.IsNpgsql() ? RebuildAllPostgres : RebuildAllSqlite;
        var sql = all.Replace("FROM entries e WHERE ", "FROM entries e WHERE e.workspace_id = {0} AND ", StringComparison.Ordinal);
        await db.Database.ExecuteSqlRawAsync(sql, [workspaceId], ct);
    }

    /// <summary>Registers <c>bc_local_day</c> on a SQLite connection opened outside EF Core (the bench's bulk load).</summary>
    public static void RegisterSqliteFunctions(SqliteConnection connection) => SqliteFunctions.Register(connection);

    /// <summary>The calendar day of a UTC instant in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>The zone of an IANA id; unknown ids are UTC (as <c>WorkspaceInfo</c> reads them).</summary>
    public static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>Registers the SQL functions SQLite lacks on every connection this process opens.</summary>
internal sealed class SqliteFunctions : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    internal static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            // The local calendar day (yyyy-MM-dd) of a stored UTC timestamp in an IANA time zone.
            sqlite.CreateFunction("bc_local_day", (string? utc, string? zone) => utc is null ? null : EntryDayTotals.LocalDay(
                DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                EntryDayTotals.Zone(zone)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), isDeterministic: true);
        }
    }
}
