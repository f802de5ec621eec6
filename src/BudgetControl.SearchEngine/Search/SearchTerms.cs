using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BudgetControl.SearchEngine.Search;

/// <summary>
/// The words of a search text: letters and digits only (everything else separates words, so no input can
/// reach the full-text query syntax), lower case, each once, at most <see cref="MaxTerms"/>.
/// </summary>
internal static partial class SearchTerms
{
    public const int MaxTerms = 8;
    public const int MaxTextLength = 200;

    /// <summary>Shorter words match whole words of notes only: a trigram index cannot look for them.</summary>
    public const int MinPartialLength = 3;

    [GeneratedRegex(@"[^\p{L}\p{N}]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Separators();

    public static List<string> Split(string text) =>
        Separators().Split(text.ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A name folded as the words are (lower case, accents removed) for comparing with a word.</summary>
    public static string Fold(string name)
    {
        if (Ascii.IsValid(name))
        {
            // Nothing to remove: most names, folded on every search.
            return name.ToLowerInvariant();
        }
        var decomposed = name.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
