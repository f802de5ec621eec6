using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.SearchEngine.Search;

/// <summary>
/// The full-text index of entry notes, per provider (docs/decisions/0009-search.md; the indexes and
/// triggers are created by the <c>SearchIndex</c> class of each migrations project). Each method is an
/// entry-id subquery that the search composes into its one SQL statement; the term is a parameter and
/// contains only letters and digits (<see cref="SearchTerms"/>).
/// </summary>
internal static class NoteIndex
{
    /// <summary>Entries whose note has <paramref name="term"/> as a whole word.</summary>
    public static IQueryable<int> Words(BudgetDbContext db, int workspaceId, string term) =>
        db.Database.IsNpgsql()
            // Same expression as the index ix_entries_note_words, or the planner cannot use it.
            ? db.Database.SqlQueryRaw<int>(
                "SELECT id AS \"Value\" FROM entries WHERE workspace_id = {0} AND to_tsvector('simple', coalesce(note, '')) @@ plainto_tsquery('simple', {1})",
                workspaceId, term)
            : db.Database.SqlQueryRaw<int>("SELECT rowid AS \"Value\" FROM entry_note_words WHERE entry_note_words MATCH {0}", Phrase(term));

    /// <summary>Entries whose note contains <paramref name="term"/> anywhere (part of a word).</summary>
    public static IQueryable<int> Parts(BudgetDbContext db, int workspaceId, string term) =>
        db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<int>(
                "SELECT id AS \"Value\" FROM entries WHERE workspace_id = {0} AND note ILIKE {1}", workspaceId, "%" + term + "%")
            : db.Database.SqlQueryRaw<int>("SELECT rowid AS \"Value\" FROM entry_note_trigrams WHERE entry_note_trigrams MATCH {0}", Phrase(term));

    /// <summary>An FTS5 phrase: the term in double quotes (it has no quote of its own).</summary>
    private static string Phrase(string term) => "\"" + term + "\"";
}
