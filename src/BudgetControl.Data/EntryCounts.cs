namespace BudgetControl.Data;

/// <summary>SQL of the entry counters (<see cref="Entities.EntryCount"/>), the same on PostgreSQL and SQLite.</summary>
public static class EntryCounts
{
    /// <summary>Fills the counters from the entries (the migration's backfill; the bench after a bulk load).</summary>
    public const string RebuildSql = """
        INSERT INTO entry_counts (workspace_id, wallet_id, type, planned, count)
        SELECT workspace_id, COALESCE(wallet_id, 0), type, planned, COUNT(*)
        FROM entries WHERE deleted_at IS NULL
        GROUP BY workspace_id, COALESCE(wallet_id, 0), type, planned
        """;

    /// <summary>Adds a delta to one counter, creating it when missing. Parameters: workspace, wallet, type, planned, delta.</summary>
    public const string IncrementSql = """
        INSERT INTO entry_counts (workspace_id, wallet_id, type, planned, count) VALUES ({0}, {1}, {2}, {3}, {4})
        ON CONFLICT (workspace_id, wallet_id, type, planned) DO UPDATE SET count = entry_counts.count + excluded.count
        """;
}
