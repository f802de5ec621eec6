namespace BudgetControl.Data.Postgres.Migrations;

/// <summary>
/// The full-text index of entry notes on PostgreSQL (docs/decisions/0009-search.md): a GIN index of the
/// note's words (<c>to_tsvector('simple', ...)</c>: no stemming, fine for mixed languages) and a GIN
/// trigram index (<c>pg_trgm</c>) for partial words. Expression indexes: PostgreSQL keeps them current in
/// every writing transaction, with no trigger and no extra column. The expressions must stay identical
/// to the search module's queries (<c>EntrySearchSql</c>) or the planner will not use them.
/// </summary>
internal static class SearchIndex
{
    public static readonly string[] Create =
    [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        "CREATE INDEX IF NOT EXISTS ix_entries_note_words ON entries USING gin (to_tsvector('simple', coalesce(note, '')));",
        "CREATE INDEX IF NOT EXISTS ix_entries_note_trigrams ON entries USING gin (note gin_trgm_ops);",
    ];

    public static readonly string[] Drop =
    [
        "DROP INDEX IF EXISTS ix_entries_note_words;",
        "DROP INDEX IF EXISTS ix_entries_note_trigrams;",
    ];
}
