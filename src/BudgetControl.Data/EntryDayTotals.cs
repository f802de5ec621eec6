using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BudgetControl.Data;

/// <summary>
/// SQL of the aggregates of the statistics: <see cref="Entities.EntryDayTotal"/>, <see cref="Entities.EntryMonthTotal"/>
/// and <see cref="Entities.EntryYearTotal"/>, and the days and months per label (<see cref="Entities.EntryLabelDayTotal"/>, <see cref="Entities.EntryLabelMonthTotal"/>).
/// The local day of an entry depends on its workspace's time zone: PostgreSQL converts with <c>AT TIME ZONE</c>;
/// SQLite calls <c>bc_local_day</c>, a function this process registers on every connection (<see cref="SqliteFunctions"/>).
/// Reading them: <see cref="EntryTotals"/>.
/// </summary>
public static class EntryDayTotals
{
    private const string Counted = "e.deleted_at IS NULL AND e.confirmed AND NOT e.planned AND NOT e.exclude_from_stats";
    private const string ZoneOfEntry = "COALESCE((SELECT s.time_zone FROM workspace_settings s WHERE s.workspace_id = e.workspace_id ORDER BY s.id LIMIT 1), 'UTC')";
    private const string LocalDayPostgres = $"CAST(e.date_time AT TIME ZONE {ZoneOfEntry} AS date)";
    private const string LocalDaySqlite = $"bc_local_day(e.date_time, {ZoneOfEntry})";
    /// <summary>Labels count while they live: a deleted label's rows are never read, so they are neither kept nor rebuilt.</summary>
    private const string LiveLabels = "JOIN entry_labels el ON el.entry_id = e.id JOIN labels l ON l.id = el.label_id AND l.deleted_at IS NULL";

    private const string ZoneOfWorkspace = "COALESCE((SELECT s.time_zone FROM workspace_settings s WHERE s.workspace_id = {0} ORDER BY s.id LIMIT 1), 'UTC')";

    /// <summary>
    /// A fresh computation of each aggregate table from the entries, as <c>(table, SELECT)</c>: the SELECT returns the
    /// table's columns in order (the bench's consistency check compares them with the stored rows).
    /// </summary>
    public static IReadOnlyList<(string Table, string Select)> FreshSelects(bool postgres)
    {
        var day = postgres ? LocalDayPostgres : LocalDaySqlite;
        var month = MonthOf(day, postgres);
        var year = YearOf(day, postgres);
        return
        [
            ("entry_day_totals", $"SELECT e.workspace_id, {day}, COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*) FROM entries e WHERE {Counted} GROUP BY e.workspace_id, {day}, COALESCE(e.wallet_id, 0), e.category_id, e.type"),
            ("entry_month_totals", $"SELECT e.workspace_id, {month}, COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*) FROM entries e WHERE {Counted} GROUP BY e.workspace_id, {month}, COALESCE(e.wallet_id, 0), e.category_id, e.type"),
            ("entry_year_totals", $"SELECT e.workspace_id, {year}, COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*) FROM entries e WHERE {Counted} GROUP BY e.workspace_id, {year}, COALESCE(e.wallet_id, 0), e.category_id, e.type"),
            ("entry_label_day_totals", $"SELECT e.workspace_id, el.label_id, {day}, COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*) FROM entries e {LiveLabels} WHERE {Counted} GROUP BY e.workspace_id, el.label_id, {day}, COALESCE(e.wallet_id, 0), e.category_id, e.type"),
            ("entry_label_month_totals", $"SELECT e.workspace_id, el.label_id, {month}, COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*) FROM entries e {LiveLabels} WHERE {Counted} GROUP BY e.workspace_id, el.label_id, {month}, COALESCE(e.wallet_id, 0), e.category_id, e.type"),
        ];
    }

    /// <summary>
    /// Statements that fill the aggregate tables from the entries (which must be empty first): the days and label
    /// days from the entries, the months from those days, the years from the months. Rows are inserted in the order ranges read them (workspace,
    /// then period; the years in key order, read by the primary key): unordered, a year's month rows were spread over ~950 pages instead of ~70 (EXPLAIN BUFFERS, 100k entries). With <paramref name="oneWorkspace"/> they take the workspace id as <c>{0}</c>.
    /// </summary>
    public static IReadOnlyList<string> RebuildStatements(bool postgres, bool oneWorkspace)
    {
        var day = postgres ? LocalDayPostgres : LocalDaySqlite;
        var entries = oneWorkspace ? $"{Counted} AND e.workspace_id = {{0}}" : Counted;
        var totals = oneWorkspace ? "WHERE t.workspace_id = {0}" : "";
        var month = MonthOf("t.day", postgres);
        var year = YearOf("t.month", postgres);
        return
        [
            $"""
            INSERT INTO entry_day_totals (workspace_id, day, wallet_id, category_id, type, total, count)
            SELECT e.workspace_id, {day}, COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*)
            FROM entries e WHERE {entries}
            GROUP BY e.workspace_id, {day}, COALESCE(e.wallet_id, 0), e.category_id, e.type
            ORDER BY 1, 2
            """,
            $"""
            INSERT INTO entry_month_totals (workspace_id, month, wallet_id, category_id, type, total, count)
            SELECT t.workspace_id, {month}, t.wallet_id, t.category_id, t.type, SUM(t.total), SUM(t.count)
            FROM entry_day_totals t {totals}
            GROUP BY t.workspace_id, {month}, t.wallet_id, t.category_id, t.type
            ORDER BY 1, 2
            """,
            $"""
            INSERT INTO entry_year_totals (workspace_id, year, wallet_id, category_id, type, total, count)
            SELECT t.workspace_id, {year}, t.wallet_id, t.category_id, t.type, SUM(t.total), SUM(t.count)
            FROM entry_month_totals t {totals}
            GROUP BY t.workspace_id, {year}, t.wallet_id, t.category_id, t.type
            ORDER BY 1, 2, 3, 4, 5
            """,
            $"""
            INSERT INTO entry_label_day_totals (workspace_id, label_id, day, wallet_id, category_id, type, total, count)
            SELECT e.workspace_id, el.label_id, {day}, COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*)
            FROM entries e {LiveLabels} WHERE {entries}
            GROUP BY e.workspace_id, el.label_id, {day}, COALESCE(e.wallet_id, 0), e.category_id, e.type
            ORDER BY 1, 3, 2
            """,
            $"""
            INSERT INTO entry_label_month_totals (workspace_id, label_id, month, wallet_id, category_id, type, total, count)
            SELECT t.workspace_id, t.label_id, {month}, t.wallet_id, t.category_id, t.type, SUM(t.total), SUM(t.count)
            FROM entry_label_day_totals t {totals}
            GROUP BY t.workspace_id, t.label_id, {month}, t.wallet_id, t.category_id, t.type
            ORDER BY 1, 3, 2
            """,
        ];
    }

    /// <summary>The aggregate tables, in the order <see cref="RebuildStatements"/> fills them.</summary>
    public static readonly string[] Tables = ["entry_day_totals", "entry_month_totals", "entry_year_totals", "entry_label_day_totals", "entry_label_month_totals"];

    /// <summary>
    /// Adds to the rows of the local day, month and (without a label) year of a UTC instant, creating them when missing; the day
    /// is computed by the statement from the workspace's stored time zone, as the rebuild does, so a time-zone change
    /// committed before the statement started is used without a separate read. Parameters: workspace, UTC instant
    /// (kind UTC), wallet, sub-category, type, amount, count; with <paramref name="label"/>, the label comes after the
    /// instant. Statements: the day's row, the month's, and (without a label) the year's.
    /// </summary>
    public static string IncrementAtSql(bool postgres, bool label) => (postgres, label) switch
    {
        (true, false) => IncrementPostgres,
        (false, false) => IncrementSqlite,
        (true, true) => IncrementLabelPostgres,
        (false, true) => IncrementLabelSqlite,
    };

    private static string LocalDayOfInstant(bool postgres) =>
        postgres ? $"CAST({{1}} AT TIME ZONE {ZoneOfWorkspace} AS date)" : $"bc_local_day({{1}}, {ZoneOfWorkspace})";

    private static string Upsert(string table, string period, string periodValue, bool label)
    {
        var keys = label ? $"workspace_id, label_id, {period}, wallet_id, category_id, type" : $"workspace_id, {period}, wallet_id, category_id, type";
        var values = label ? $"{{0}}, {{2}}, {periodValue}, {{3}}, {{4}}, {{5}}, {{6}}, {{7}}" : $"{{0}}, {periodValue}, {{2}}, {{3}}, {{4}}, {{5}}, {{6}}";
        return $"INSERT INTO {table} ({keys}, total, count) VALUES ({values}) ON CONFLICT ({keys}) DO UPDATE SET total = {table}.total + excluded.total, count = {table}.count + excluded.count";
    }

    private static string Increments(bool postgres, bool label) =>
        Upsert(label ? "entry_label_day_totals" : "entry_day_totals", "day", LocalDayOfInstant(postgres), label) + ";\n"
        + Upsert(label ? "entry_label_month_totals" : "entry_month_totals", "month", MonthOf(LocalDayOfInstant(postgres), postgres), label)
        // Labels have no year rows: one label's month rows are few.
        + (label ? "" : ";\n" + Upsert("entry_year_totals", "year", YearOf(LocalDayOfInstant(postgres), postgres), label: false));

    private static readonly string IncrementPostgres = Increments(postgres: true, label: false);
    private static readonly string IncrementSqlite = Increments(postgres: false, label: false);
    private static readonly string IncrementLabelPostgres = Increments(postgres: true, label: true);
    private static readonly string IncrementLabelSqlite = Increments(postgres: false, label: true);

    /// <summary>
    /// Rebuilds one workspace's aggregates from its entries (after its time zone changed). Call inside the
    /// transaction of that change, after locking the workspace's wallets, so no entry write interleaves.
    /// </summary>
    public static async Task RebuildWorkspaceAsync(BudgetDbContext db, int workspaceId, CancellationToken ct)
    {
        foreach (var table in Tables)
        {
            var delete = $"DELETE FROM {table} WHERE workspace_id = {{0}}";
            await db.Database.ExecuteSqlRawAsync(delete, [workspaceId], ct);
        }
        foreach (var sql in RebuildStatements(db.Database.IsNpgsql(), oneWorkspace: true))
        {
            await db.Database.ExecuteSqlRawAsync(sql, [workspaceId], ct);
        }
    }

    /// <summary>The first day of the local month of a day column or expression, as the month tables store it.</summary>
    private static string MonthOf(string day, bool postgres) =>
        postgres ? $"CAST(date_trunc('month', CAST({day} AS timestamp)) AS date)" : $"strftime('%Y-%m-01', {day})";

    /// <summary>The first day of the local year of a day column or expression (or of a month key), as the year table stores it.</summary>
    private static string YearOf(string day, bool postgres) =>
        postgres ? $"CAST(date_trunc('year', CAST({day} AS timestamp)) AS date)" : $"strftime('%Y-01-01', {day})";

    /// <summary>The first day of <paramref name="day"/>'s month (the key of the month tables).</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

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
