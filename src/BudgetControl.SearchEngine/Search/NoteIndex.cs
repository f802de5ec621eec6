using System.Linq.Expressions;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.SearchEngine.Search;

/// <summary>
/// The full-text index of entry notes, per provider (docs/decisions/0009-search.md; the indexes and
/// triggers are created by the <c>SearchIndex</c> class of each migrations project). Each method gives a
/// condition on one entry row, so that the search can either walk the newest entries and test each one
/// (a common word: a page is found after a few rows) or look the word up in the index (a rare word). The
/// term is a parameter and contains only letters and digits (<see cref="SearchTerms"/>).
/// </summary>
internal static class NoteIndex
{
    private const string WordsFew = "SELECT rowid AS \"Value\" FROM entry_note_words WHERE entry_note_words MATCH {0} LIMIT {1}";
    private const string WordsAll = "SELECT rowid AS \"Value\" FROM entry_note_words WHERE entry_note_words MATCH {0}";
    private const string TrigramsFew = "SELECT rowid AS \"Value\" FROM entry_note_trigrams WHERE entry_note_trigrams MATCH {0} LIMIT {1}";
    private const string TrigramsAll = "SELECT rowid AS \"Value\" FROM entry_note_trigrams WHERE entry_note_trigrams MATCH {0}";

    /// <summary>Entries whose note has <paramref name="term"/> as a whole word.</summary>
    public static async Task<NoteCondition> WordsAsync(BudgetDbContext db, SearchSettings settings, string term, CancellationToken ct) =>
        db.Database.IsNpgsql()
            // The expression of the index ix_entries_note_words: PostgreSQL uses the index for a rare word (its
            // statistics know the common ones) and computes it on the rows it walks for a common one.
            ? new(e => EF.Functions.ToTsVector("simple", e.Note ?? "").Matches(EF.Functions.PlainToTsQuery("simple", term)), Listed: false)
            : await SqliteAsync(db, settings, WordsFew, WordsAll, term, ct);

    /// <summary>
    /// Whether every whole-word match is also a part-of-word match. PostgreSQL: yes, both read the same text
    /// and fold case the same way. SQLite: no, the word index removes accents and the trigram index does not.
    /// </summary>
    public static bool PartsIncludeWholeWords(BudgetDbContext db) => db.Database.IsNpgsql();

    /// <summary>Entries whose note contains <paramref name="term"/> anywhere (part of a word; 3 characters or more).</summary>
    public static async Task<NoteCondition> PartsAsync(BudgetDbContext db, SearchSettings settings, string term, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            // The trigram index ix_entries_note_trigrams answers ILIKE '%term%'.
            var pattern = "%" + term + "%";
            return new(e => EF.Functions.ILike(e.Note!, pattern), Listed: false);
        }
        return await SqliteAsync(db, settings, TrigramsFew, TrigramsAll, term, ct);
    }

    /// <summary>
    /// SQLite's planner cannot weigh an FTS5 match against the date order, so the index is asked first for at
    /// most <see cref="SearchSettings.SqliteIndexListLimit"/> + 1 ids: a rare word becomes that list (the index
    /// drives the query); a common one is looked up in the index for each row walked in date order.
    /// </summary>
    private static async Task<NoteCondition> SqliteAsync(
        BudgetDbContext db, SearchSettings settings, string few, string all, string term, CancellationToken ct)
    {
        // FTS5 phrase: the term in double quotes (it has no quote of its own).
        var phrase = "\"" + term + "\"";
        var ids = await db.Database.SqlQueryRaw<int>(few, phrase, settings.SqliteIndexListLimit + 1).ToListAsync(ct);
        if (ids.Count <= settings.SqliteIndexListLimit)
        {
            return new(e => ids.Contains(e.Id), Listed: true);
        }
        // Correlated: FTS5 seeks the word's list to the row's id (MATCH with rowid = ?), no list of every match.
        var matches = db.Database.SqlQueryRaw<int>(all, phrase);
        return new(e => matches.Any(id => id == e.Id), Listed: false);
    }
}

/// <summary>A condition on an entry row; <c>Listed</c> when it is a short list of ids read from the index (SQLite).</summary>
internal sealed record NoteCondition(Expression<Func<Entry, bool>> Matches, bool Listed);
