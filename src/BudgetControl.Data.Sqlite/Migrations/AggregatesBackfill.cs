namespace BudgetControl.Data.Sqlite.Migrations;

/// <summary>
/// Backfill of the month and label aggregates (migration <c>AggregatesMonthLabelTotals</c>): the months from the
/// day rows that exist already, the label days from the entries (local day by <c>bc_local_day</c>, which the
/// application registers on its SQLite connections; live labels only), the label months from those. A frozen
/// copy of <c>EntryDayTotals.RebuildStatements</c> at the time; rows in the order ranges read them (workspace, then period).
/// </summary>
internal static class AggregatesBackfill
{
    private const string ZoneOfEntry = "COALESCE((SELECT s.time_zone FROM workspace_settings s WHERE s.workspace_id = e.workspace_id ORDER BY s.id LIMIT 1), 'UTC')";
    private const string LocalDay = $"bc_local_day(e.date_time, {ZoneOfEntry})";

    public static readonly string[] Up =
    [
        """
        INSERT INTO entry_month_totals (workspace_id, month, wallet_id, category_id, type, total, count)
        SELECT t.workspace_id, strftime('%Y-%m-01', t.day), t.wallet_id, t.category_id, t.type, SUM(t.total), SUM(t.count)
        FROM entry_day_totals t
        GROUP BY t.workspace_id, strftime('%Y-%m-01', t.day), t.wallet_id, t.category_id, t.type
        ORDER BY 1, 2;
        """,
        $"""
        INSERT INTO entry_label_day_totals (workspace_id, label_id, day, wallet_id, category_id, type, total, count)
        SELECT e.workspace_id, el.label_id, {LocalDay}, COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*)
        FROM entries e JOIN entry_labels el ON el.entry_id = e.id JOIN labels l ON l.id = el.label_id AND l.deleted_at IS NULL
        WHERE e.deleted_at IS NULL AND e.confirmed AND NOT e.planned AND NOT e.exclude_from_stats
        GROUP BY e.workspace_id, el.label_id, {LocalDay}, COALESCE(e.wallet_id, 0), e.category_id, e.type
        ORDER BY 1, 3, 2;
        """,
        """
        INSERT INTO entry_label_month_totals (workspace_id, label_id, month, wallet_id, category_id, type, total, count)
        SELECT t.workspace_id, t.label_id, strftime('%Y-%m-01', t.day), t.wallet_id, t.category_id, t.type, SUM(t.total), SUM(t.count)
        FROM entry_label_day_totals t
        GROUP BY t.workspace_id, t.label_id, strftime('%Y-%m-01', t.day), t.wallet_id, t.category_id, t.type
        ORDER BY 1, 3, 2;
        """,
    ];
}
