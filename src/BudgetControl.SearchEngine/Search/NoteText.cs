using System.Globalization;
using BudgetControl.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.SearchEngine.Search;

/// <summary>
/// The tests of a note that SQLite's full-text tables answer, computed in this process for the rows SQLite walks
/// (registered as SQLite functions; <see cref="NoteIndex"/>): <c>bc_note_has_word(note, term)</c> reads the note
/// as the word index does (letters and digits, lower case, accents removed), <c>bc_note_contains(note, term)</c>
/// as the trigram index does (anywhere, ignoring case, accents kept).
/// </summary>
internal static class NoteText
{
    /// <summary>Adds the functions to the context's SQLite connection (kept by it across opens; re-adding replaces them).</summary>
    public static void Register(BudgetDbContext db)
    {
        if (db.Database.GetDbConnection() is SqliteConnection connection)
        {
            connection.CreateFunction<string?, string, bool>("bc_note_has_word", HasWord, isDeterministic: true);
            connection.CreateFunction<string?, string, bool>("bc_note_contains", Contains, isDeterministic: true);
        }
    }

    /// <summary>Whether <paramref name="term"/> (a word of <see cref="SearchTerms.Split"/>) is a whole word of the note.</summary>
    public static bool HasWord(string? note, string term)
    {
        if (note is null)
        {
            return false;
        }
        var word = SearchTerms.Fold(term).AsSpan();
        var text = SearchTerms.Fold(note).AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text[i]))
            {
                i++;
            }
            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }
            if (i - start == word.Length && text[start..i].SequenceEqual(word))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the note contains <paramref name="term"/> anywhere, ignoring case.</summary>
    public static bool Contains(string? note, string term) => note is not null && note.Contains(term, StringComparison.OrdinalIgnoreCase);

    /// <summary>A character of a word: a letter or a digit (<see cref="SearchTerms"/> splits on everything else).</summary>
    private static bool IsWordChar(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };
}
