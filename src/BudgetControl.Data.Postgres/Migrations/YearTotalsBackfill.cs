namespace BudgetControl.Data.Postgres.Migrations;

/// <summary>
/// Backfill of the year aggregates (migration <c>BudgetsYearTotals</c>): the years from the month rows that exist
/// already, in the order of the key (a year's rows of a workspace on ~15 pages; by workspace and year alone, an index
/// scan of two years touched 2,708 buffers for 2,800 rows at 1M entries, in key order 53). A frozen copy of the year statement of
/// <c>EntryDayTotals.RebuildStatements</c> at the time.
/// </summary>
internal static class YearTotalsBackfill
{
    public const string Up = """
        INSERT INTO entry_year_totals (workspace_id, year, wallet_id, category_id, type, total, count)
        SELECT t.workspace_id, CAST(date_trunc('year', CAST(t.month AS timestamp)) AS date), t.wallet_id, t.category_id, t.type, SUM(t.total), SUM(t.count)
        FROM entry_month_totals t
        GROUP BY t.workspace_id, CAST(date_trunc('year', CAST(t.month AS timestamp)) AS date), t.wallet_id, t.category_id, t.type
        ORDER BY 1, 2, 3, 4, 5;
        """;
}
