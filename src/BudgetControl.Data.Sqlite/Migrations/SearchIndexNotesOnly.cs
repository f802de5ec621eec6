namespace BudgetControl.Data.Sqlite.Migrations;

/// <summary>
/// The full-text tables of <see cref="SearchIndex"/> again, over entries with a note only: an empty note (null or
/// <c>''</c>) has no word to find, yet every insert wrote a row into both tables and every update of the note rewrote
/// them. Their external content is now the view <c>entry_notes</c> (the entries whose note is not empty), so FTS5's
/// <c>'rebuild'</c> and <c>'integrity-check'</c> agree with what the triggers keep: an entry without a note is not in
/// the index; a note set later is added, a note cleared is taken out (<c>'delete'</c> needs the values that were
/// indexed, so it runs only for a note that was). The search reads only the tables' rowids, never their content.
/// </summary>
internal static class SearchIndexNotesOnly
{
    /// <summary>The triggers on <c>entries</c>; a later migration that rebuilds <c>entries</c> (which drops them) runs these again.</summary>
    public static readonly string[] Triggers =
    [
        """
        CREATE TRIGGER IF NOT EXISTS entries_search_insert AFTER INSERT ON entries WHEN new.note <> '' BEGIN
          INSERT INTO entry_note_words(rowid, note) VALUES (new.id, new.note);
          INSERT INTO entry_note_trigrams(rowid, note) VALUES (new.id, new.note);
        END;
        """,
        """
        CREATE TRIGGER IF NOT EXISTS entries_search_delete AFTER DELETE ON entries WHEN old.note <> '' BEGIN
          INSERT INTO entry_note_words(entry_note_words, rowid, note) VALUES ('delete', old.id, old.note);
          INSERT INTO entry_note_trigrams(entry_note_trigrams, rowid, note) VALUES ('delete', old.id, old.note);
        END;
        """,
        """
        CREATE TRIGGER IF NOT EXISTS entries_search_update AFTER UPDATE OF note ON entries WHEN old.note IS NOT new.note BEGIN
          INSERT INTO entry_note_words(entry_note_words, rowid, note) SELECT 'delete', old.id, old.note WHERE old.note <> '';
          INSERT INTO entry_note_trigrams(entry_note_trigrams, rowid, note) SELECT 'delete', old.id, old.note WHERE old.note <> '';
          INSERT INTO entry_note_words(rowid, note) SELECT new.id, new.note WHERE new.note <> '';
          INSERT INTO entry_note_trigrams(rowid, note) SELECT new.id, new.note WHERE new.note <> '';
        END;
        """,
    ];

    public static readonly string[] Up =
    [
        .. SearchIndex.Drop,
        "CREATE VIEW IF NOT EXISTS entry_notes AS SELECT id, note FROM entries WHERE note <> '';",
        "CREATE VIRTUAL TABLE entry_note_words USING fts5(note, content='entry_notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');",
        "CREATE VIRTUAL TABLE entry_note_trigrams USING fts5(note, content='entry_notes', content_rowid='id', tokenize='trigram case_sensitive 0');",
        "INSERT INTO entry_note_words(entry_note_words) VALUES('rebuild');",
        "INSERT INTO entry_note_trigrams(entry_note_trigrams) VALUES('rebuild');",
        .. Triggers,
    ];

    /// <summary>Back to <see cref="SearchIndex"/>: every entry indexed again, over <c>entries</c>.</summary>
    public static readonly string[] Down = [.. SearchIndex.Drop, "DROP VIEW IF EXISTS entry_notes;", .. SearchIndex.Create];
}
