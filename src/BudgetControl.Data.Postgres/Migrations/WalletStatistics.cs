namespace BudgetControl.Data.Postgres.Migrations;

/// <summary>
/// Extended statistics (migration <c>ListsWalletStatistics</c>): a wallet belongs to one workspace, but PostgreSQL's
/// planner multiplies the selectivities of <c>workspace_id = w</c> and <c>wallet_id = x</c> as if they were independent.
/// For a workspace of 10k entries among a million other rows it expected 34 rows of its busiest wallet where there were
/// 2,436, read them all through a bitmap and sorted them, instead of walking
/// <c>ix_entries_wallet_id_planned_date_time_id</c> for the newest 31 (docs/performance.md, "the one-wallet filter in a
/// small workspace"). The functional dependency (wallet decides workspace) corrects the estimate. <c>ANALYZE</c> fills it
/// at once instead of at autovacuum's next visit.
/// </summary>
internal static class WalletStatistics
{
    public const string Up = """
        CREATE STATISTICS IF NOT EXISTS st_entries_wallet_workspace (dependencies) ON workspace_id, wallet_id FROM entries;
        ANALYZE entries;
        """;

    public const string Down = "DROP STATISTICS IF EXISTS st_entries_wallet_workspace;";
}
