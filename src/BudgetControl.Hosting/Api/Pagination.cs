using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Api;

/// <summary>A page in the original API's shape (Laravel's LengthAwarePaginator JSON).</summary>
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
    int Total);

public sealed record PageLink(string? Url, string Label, bool Active);

public static class Pagination
{
    public const int DefaultPerPage = 10;
    public const int MaxPerPage = 500;

    /// <summary>Validates <c>page</c> and <c>per_page</c> (defaults 1 and 10; at most 500 per page).</summary>
    public static bool TryRead(int? page, int? perPage, Validation validation, out int pageNumber, out int size)
    {
        pageNumber = page ?? 1;
        size = perPage ?? DefaultPerPage;
        if (pageNumber < 1)
        {
            validation.Add("page", "must be 1 or more.");
        }
        if (size is < 1 or > MaxPerPage)
        {
            validation.Add("per_page", $"must be between 1 and {MaxPerPage}.");
        }
        return validation.IsValid;
    }

    /// <summary>Runs the count and the page query and maps the rows.</summary>
    public static async Task<Page<TOut>> PageAsync<TIn, TOut>(
        IQueryable<TIn> query, int page, int perPage, Func<List<TIn>, IReadOnlyList<TOut>> map, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var rows = await query.Skip((page - 1) * perPage).Take(perPage).ToListAsync(ct);
        return Build(map(rows), page, perPage, total);
    }

    public static Page<T> Build<T>(IReadOnlyList<T> data, int page, int perPage, int total)
    {
        var last = Math.Max(1, (int)Math.Ceiling(total / (double)perPage));
        string Url(int p) => "/?page=" + p.ToString(CultureInfo.InvariantCulture);
        var links = new List<PageLink> { new(page > 1 ? Url(page - 1) : null, "&laquo; Previous", false) };
        for (var p = 1; p <= last; p++)
        {
            links.Add(new PageLink(Url(p), p.ToString(CultureInfo.InvariantCulture), p == page));
        }
        links.Add(new PageLink(page < last ? Url(page + 1) : null, "Next &raquo;", false));
        var from = data.Count == 0 ? (int?)null : ((page - 1) * perPage) + 1;
        var to = data.Count == 0 ? (int?)null : ((page - 1) * perPage) + data.Count;
        return new Page<T>(page, data, Url(1), from, last, Url(last), links,
            page < last ? Url(page + 1) : null, "/", perPage, page > 1 ? Url(page - 1) : null, to, total);
    }
}
