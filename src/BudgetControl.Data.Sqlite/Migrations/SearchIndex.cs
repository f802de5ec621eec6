namespace BudgetControl.Data.Sqlite.Migrations;

/// <summary>
/// The full-text index of entry notes on SQLite (docs/decisions/0009-search.md): two FTS5 tables over
/// <c>entries.note</c> (external content, rowid = entry id), one of words (whole-word matches, ranked
/// higher) and one of trigrams (partial words), kept current by triggers in the writing transaction.
/// Idempotent, so a later migration that rebuilds the <c>entries</c> table (which drops its triggers) can
/// call <see cref="Create"/> again.
/// </summary>
internal static class SearchIndex
{
    public static readonly string[] Create =
    [
        "CREATE VIRTUAL TABLE IF NOT EXISTS entry_note_words USING fts5(note, content='entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2');",
        "CREATE VIRTUAL TABLE IF NOT EXISTS entry_note_trigrams USING fts5(note, content='entries', content_rowid='id', tokenize='trigram case_sensitive 0');",
        "INSERT INTO entry_note_words(entry_note_words) VALUES('rebuild');",
        "INSERT INTO entry_note_trigrams(entry_note_trigrams) VALUES('rebuild');",
        """
        CREATE TRIGGER IF NOT EXISTS entries_search_insert AFTER INSERT ON entries BEGIN
          INSERT INTO entry_note_words(rowid, note) VALUES (new.id, new.note);
          INSERT INTO entry_note_trigrams(rowid, note) VALUES (new.id, new.note);
        END;
        """,
        """
        CREATE TRIGGER IF NOT EXISTS entries_search_delete AFTER DELETE ON entries BEGIN
          INSERT INTO entry_note_words(entry_note_words, rowid, note) VALUES ('delete', old.id, old.note);
          INSERT INTO entry_note_trigrams(entry_note_trigrams, rowid, note) VALUES ('delete', old.id, old.note);
        END;
        """,
        """
        CREATE TRIGGER IF NOT EXISTS entries_search_update AFTER UPDATE OF note ON entries BEGIN
          INSERT INTO entry_note_words(entry_note_words, rowid, note) VALUES ('delete', old.id, old.note);
          INSERT INTO entry_note_trigrams(entry_note_trigrams, rowid, note) VALUES ('delete', old.id, old.note);
          INSERT INTO entry_note_words(rowid, note) VALUES (new.id, new.note);
          INSERT INTO entry_note_trigrams(rowid, note) VALUES (new.id, new.note);
        END;
        """,
    ];

    public static readonly string[] Drop =
    [
        "DROP TRIGGER IF EXISTS entries_search_insert;",
        "DROP TRIGGER IF EXISTS entries_search_delete;",
        "DROP TRIGGER IF EXISTS entries_search_update;",
        "DROP TABLE IF EXISTS entry_note_words;",
        "DROP TABLE IF EXISTS entry_note_trigrams;",
    ];
}
