using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// A page in the original API's shape (Laravel's LengthAwarePaginator JSON), plus <c>next_cursor</c> for
/// keyset paging and <c>total_exact</c>, false when <c>total</c> is a lower bound (see docs/api.md).
/// </summary>
public sealed record Page<T>(
    int CurrentPage,
    IReadOnlyList<T> Data,
    string FirstPageUrl,
    int? From,
    int LastPage,
    string LastPageUrl,
    IReadOnlyList<PageLink> Links,
    string? NextPageUrl,
    string Path,
    int PerPage,
    string? PrevPageUrl,
    int? To,
    long Total,
    bool TotalExact,
    string? NextCursor);

public sealed record PageLink(string? Url, string Label, bool Active);

/// <summary>What a list request asks for: a page number (offset paging) or a position after a cursor (keyset paging).</summary>
public sealed record PageRequest(int Page, int PerPage, Keyset? After)
{
    /// <summary>Rows to skip for offset paging; 0 with a cursor.</summary>
    public int Offset => After is null ? (Page - 1) * PerPage : 0;
}

/// <summary>
/// A position in a list ordered newest first: the last row's instant and id, and for ranked lists (search)
/// its rank, ordered before them (highest first). Opaque to clients (<c>cursor</c> in, <c>next_cursor</c>
/// out), so the encoding may change.
/// </summary>
public readonly record struct Keyset(DateTime At, int Id, int Rank = 0)
{
    public string Encode()
    {
        var text = Rank == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{At.Ticks}.{Id}")
            : string.Create(CultureInfo.InvariantCulture, $"{At.Ticks}.{Id}.{Rank}");
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
    }

    public static bool TryDecode(string? cursor, out Keyset keyset)
    {
        keyset = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 64)
        {
            return false;
        }
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split('.');
            var rank = 0;
            if (parts.Length is 2 or 3
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && (parts.Length == 2 || int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out rank)))
            {
                keyset = new Keyset(new DateTime(ticks, DateTimeKind.Utc), id, rank);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}

public static class Pagination
{
    public const int DefaultPerPage = 10;
    public const int MaxPerPage = 500;

    /// <summary>
    /// Past this many matching rows, a count that no counter can answer stops and says so (<c>total_exact: false</c>). It was
    /// 10,000: a month of the 1M-entry bench workspace (8,100 rows) then cost every date-range page ~0.7 ms of PostgreSQL's CPU
    /// to count, more than the page itself; 1,000 rows cost ~0.1 ms and still give an exact total for a household's month.
    /// </summary>
    public const int CountLimit = 1_000;

    /// <summary>Pages listed on each side of the current one in <c>links</c> (Laravel's <c>onEachSide</c>).</summary>
    private const int OnEachSide = 3;

    /// <summary>Validates <c>page</c>, <c>per_page</c> (defaults 1 and 10; at most 500, or <paramref name="maxPerPage"/>) and <c>cursor</c>.</summary>
    public static PageRequest Read(int? page, int? perPage, string? cursor, Validation validation, int maxPerPage = MaxPerPage)
    {
        var pageNumber = page ?? 1;
        var size = perPage ?? DefaultPerPage;
        if (pageNumber < 1)
        {
            validation.Add("page", "must be 1 or more.");
        }
        if (size < 1 || size > maxPerPage)
        {
            validation.Add("per_page", $"must be between 1 and {maxPerPage}.");
        }
        Keyset? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (Keyset.TryDecode(cursor, out var keyset))
            {
                after = keyset;
            }
            else
            {
                validation.Add("cursor", "is not a cursor this server gave out (next_cursor of a list).");
            }
        }
        return new PageRequest(pageNumber, size, after);
    }

    /// <summary>
    /// How many rows match, counting at most <see cref="CountLimit"/> + 1 of them; the flag says whether
    /// the count is exact. For filters that no counter answers.
    /// </summary>
    public static async Task<(long Total, bool Exact)> BoundedCountAsync<T>(IQueryable<T> query, CancellationToken ct)
    {
        var count = await query.Take(CountLimit + 1).CountAsync(ct);
        return BoundedTotal(count);
    }

    /// <summary>
    /// The total of a count of at most <see cref="CountLimit"/> + 1 rows made by the caller (in the statement of its page:
    /// <c>query.Take(CountLimit + 1).LongCount()</c>), and whether it is exact, as <see cref="BoundedCountAsync"/> gives them.
    /// </summary>
    public static (long Total, bool Exact) BoundedTotal(long count) => count > CountLimit ? (CountLimit, false) : (count, true);

    /// <summary>
    /// The page answer. <paramref name="hasMore"/> (one row more than the page was found) decides the next
    /// page, so that paging stays right when <paramref name="total"/> is only a lower bound.
    /// </summary>
    public static Page<T> Build<T>(IReadOnlyList<T> data, PageRequest request, long total, bool totalExact, bool hasMore, Keyset? last)
    {
        var page = request.After is null ? request.Page : 1;
        var perPage = request.PerPage;
        var lastPage = (int)Math.Clamp((total + perPage - 1) / perPage, 1, int.MaxValue);
        if (hasMore && lastPage <= page)
        {
            lastPage = page + 1;
        }
        string Url(int p) => "/?page=" + p.ToString(CultureInfo.InvariantCulture);
        var next = hasMore && request.After is null ? Url(page + 1) : null;
        var previous = page > 1 && request.After is null ? Url(page - 1) : null;
        var links = new List<PageLink> { new(previous, "&laquo; Previous", false) };
        foreach (var p in Window(page, lastPage))
        {
            links.Add(p is null
                ? new PageLink(null, "...", false)
                : new PageLink(Url(p.Value), p.Value.ToString(CultureInfo.InvariantCulture), p == page));
        }
        links.Add(new PageLink(next, "Next &raquo;", false));
        int? from = data.Count == 0 || request.After is not null ? null : request.Offset + 1;
        int? to = data.Count == 0 || request.After is not null ? null : request.Offset + data.Count;
        return new Page<T>(page, data, Url(1), from, lastPage, Url(lastPage), links, next, "/", perPage, previous, to,
            total, totalExact, hasMore && last is { } l ? l.Encode() : null);
    }

    /// <summary>The page numbers Laravel's UrlWindow shows (null is a "..." gap): all of a short list, else the ends and a slider.</summary>
    public static IEnumerable<int?> Window(int page, int lastPage)
    {
        IEnumerable<int?> Range(int from, int to) => Enumerable.Range(from, Math.Max(0, to - from + 1)).Select(p => (int?)p);
        if (lastPage < (OnEachSide * 2) + 8)
        {
            return Range(1, lastPage);
        }
        var window = OnEachSide + 4;
        if (page <= window)
        {
            return Range(1, window + OnEachSide).Append(null).Concat(Range(lastPage - 1, lastPage));
        }
        if (page > lastPage - window)
        {
            return Range(1, 2).Append(null).Concat(Range(lastPage - (window + (OnEachSide - 1)), lastPage));
        }
        return Range(1, 2).Append(null).Concat(Range(page - OnEachSide, page + OnEachSide)).Append(null).Concat(Range(lastPage - 1, lastPage));
    }
}
