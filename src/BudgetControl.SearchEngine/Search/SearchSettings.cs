namespace BudgetControl.SearchEngine.Search;

/// <summary>
/// The search's settings. <paramref name="SqliteIndexListLimit"/> (<c>Search:SqliteIndexListLimit</c>): on SQLite, a
/// word with at most this many matches in the full-text index is read from the index as a list of ids; above,
/// the entries are walked newest first and each is looked up in the index (<see cref="NoteIndex"/>).
/// </summary>
internal sealed record SearchSettings(int SqliteIndexListLimit)
{
    public const int DefaultSqliteIndexListLimit = 500;
}
