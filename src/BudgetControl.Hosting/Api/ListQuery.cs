using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// The original's list query string, read one way for every list: <c>order[key]=asc|desc</c> (applied in
/// the order given; empty means asc), <c>filters[key]=a,b</c> (also <c>filter[key]</c>; a comma list means
/// "any of"), <c>op|value</c> comparisons, flags as <see cref="LenientBoolean"/> reads them, and
/// <c>page</c>/<c>per_page</c> through <see cref="Pagination"/>. A list checks only the families it supports:
/// an unknown key there is a 400 naming the parameter (the original answered 500); other parameters are ignored.
/// </summary>
public sealed class ListQuery
{
    private readonly IQueryCollection _query;

    public ListQuery(IQueryCollection query, Validation validation)
    {
        _query = query;
        Validation = validation;
    }

    public Validation Validation { get; }

    /// <summary>The <c>order[key]</c> parameters, in the order given; unknown keys and directions are reported.</summary>
    public List<(string Key, bool Descending)> Order(IReadOnlyCollection<string> keys)
    {
        var order = new List<(string, bool)>();
        foreach (var (parameter, key, value) in Bracketed("order"))
        {
            if (!keys.Contains(key))
            {
                Validation.Add(parameter, $"can order by: {string.Join(", ", keys)}.");
                continue;
            }
            switch (value.Trim().ToLowerInvariant())
            {
                case "" or "asc":
                    order.Add((key, false));
                    break;
                case "desc":
                    order.Add((key, true));
                    break;
                default:
                    Validation.Add(parameter, "must be asc or desc.");
                    break;
            }
        }
        return order;
    }

    /// <summary>The <c>filters[key]</c> (or <c>filter[key]</c>) parameters by key, with the parameter as sent; unknown keys are reported.</summary>
    public List<Filter> Filters(IReadOnlyCollection<string> keys)
    {
        var filters = new List<Filter>();
        foreach (var (parameter, key, value) in Bracketed("filters").Concat(Bracketed("filter")))
        {
            if (keys.Contains(key))
            {
                filters.Add(new Filter(parameter, key, value));
            }
            else
            {
                Validation.Add(parameter, $"can filter by: {string.Join(", ", keys)}.");
            }
        }
        return filters;
    }

    /// <summary>
    /// Orders <paramref name="rows"/> by the <c>order[key]</c> parameters (each key a selector of
    /// <paramref name="keys"/>), then by <paramref name="fallback"/>, then by <paramref name="id"/> so that
    /// equal keys keep a stable order.
    /// </summary>
    public IQueryable<T> OrderBy<T>(
        IQueryable<T> rows, IReadOnlyDictionary<string, Expression<Func<T, object>>> keys,
        Expression<Func<T, object>> fallback, Expression<Func<T, int>> id)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var (key, descending) in Order([.. keys.Keys]))
        {
            ordered = rows.SortBy(ordered, keys[key], descending);
        }
        return (ordered is null ? rows.OrderBy(fallback) : ordered.ThenBy(fallback)).ThenBy(id);
    }

    /// <summary>The enum values of a comma list (<c>filters[type]=expenses,incoming</c>); each unknown one is reported as not <paramref name="what"/>.</summary>
    public List<TEnum> Enums<TEnum>(Filter filter, string what, TryParser<TEnum> parse)
    {
        var result = new List<TEnum>();
        foreach (var item in filter.Items)
        {
            if (parse(item, out var value))
            {
                result.Add(value);
            }
            else
            {
                Validation.Add(filter.Parameter, $"'{item}' is not {what}.");
            }
        }
        return result;
    }

    /// <summary>
    /// Reports parameters that start like a filter or an order but are neither (<c>filters=1</c>,
    /// <c>orderby=name</c>), for lists whose clients were told so; the other lists ignore them.
    /// </summary>
    public void RejectMalformed()
    {
        foreach (var (parameter, _) in _query)
        {
            var lower = parameter.ToLowerInvariant();
            var bracketed = (lower.StartsWith("filters[", StringComparison.Ordinal) || lower.StartsWith("filter[", StringComparison.Ordinal)
                || lower.StartsWith("order[", StringComparison.Ordinal)) && lower.EndsWith(']');
            if (!bracketed && (lower.StartsWith("filter", StringComparison.Ordinal) || lower.StartsWith("order", StringComparison.Ordinal)))
            {
                Validation.Add(parameter, "is not a known filter; use filters[key]=value or order[key]=asc|desc.");
            }
        }
    }

    /// <summary>A plain parameter (<c>q</c>, <c>date_from</c>); null when absent or empty.</summary>
    public string? Value(string parameter)
    {
        if (!_query.TryGetValue(parameter, out var values) || values.ToString().Trim() is not { Length: > 0 } text)
        {
            return null;
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL cannot take a NUL in a text parameter (a 500 there), SQLite would: refused alike on both.
            if (!Validation.Has(parameter))
            {
                Validation.Add(parameter, "must not contain NUL characters.");
            }
            return null;
        }
        return text;
    }

    /// <summary>A flag, read as <see cref="LenientBoolean"/> reads it; null (reported) when it is none of those.</summary>
    public bool? Flag(string parameter, string value)
    {
        if (LenientBoolean.TryParse(value, out var flag))
        {
            return flag;
        }
        Validation.Add(parameter, LenientBoolean.Expected);
        return null;
    }

    /// <summary>Whole numbers of a comma list; the others are reported.</summary>
    public List<int> Ints(Filter filter)
    {
        var result = new List<int>();
        foreach (var item in filter.Items)
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                result.Add(n);
            }
            else
            {
                Validation.Add(filter.Parameter, $"'{item}' is not a number.");
            }
        }
        return result;
    }

    /// <summary>Uuids of a comma list; the others are reported.</summary>
    public List<Guid> Uuids(Filter filter)
    {
        var result = new List<Guid>();
        foreach (var item in filter.Items)
        {
            if (Guid.TryParse(item, out var uuid))
            {
                result.Add(uuid);
            }
            else
            {
                Validation.Add(filter.Parameter, $"'{item}' is not a uuid.");
            }
        }
        return result;
    }

    /// <summary>A comparison <c>op|value</c> (<c>= &lt; &lt;= &gt; &gt;= !=</c>); a bare value means <c>=</c>. Null (reported) for another operator.</summary>
    public (string Op, string Value)? Comparison(Filter filter)
    {
        var bar = filter.Value.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return ("=", filter.Value);
        }
        var op = filter.Value[..bar];
        if (op is not ("=" or "<" or "<=" or ">" or ">=" or "!="))
        {
            Validation.Add(filter.Parameter, "the operator must be one of = < <= > >= !=.");
            return null;
        }
        return (op, filter.Value[(bar + 1)..]);
    }

    /// <summary><c>page</c>, <c>per_page</c> and <c>cursor</c>, checked by <see cref="Pagination.Read"/>; a non-number is reported like 0.</summary>
    public PageRequest Page(int defaultPerPage = Pagination.DefaultPerPage, int maxPerPage = Pagination.MaxPerPage)
    {
        int? Read(string name) =>
            int.TryParse(_query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : _query.ContainsKey(name) ? 0 : null;
        return Pagination.Read(Read("page"), Read("per_page") ?? defaultPerPage, _query["cursor"], Validation, maxPerPage);
    }

    private IEnumerable<(string Parameter, string Key, string Value)> Bracketed(string family)
    {
        foreach (var (parameter, values) in _query)
        {
            if (parameter.Length > family.Length + 2
                && parameter.StartsWith(family + "[", StringComparison.OrdinalIgnoreCase)
                && parameter.EndsWith(']'))
            {
                yield return (parameter, parameter[(family.Length + 1)..^1].ToLowerInvariant(), values.ToString());
            }
        }
    }
}

/// <summary>One <c>filters[key]</c> parameter: its name as sent, its key, its value and the value as a comma list.</summary>
public sealed record Filter(string Parameter, string Key, string Value)
{
    public string[] Items { get; } = Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Parses one spelling of a value (e.g. <c>EnumNames.TryParse</c>).</summary>
public delegate bool TryParser<T>(string? text, out T value);

public static class Ordering
{
    /// <summary>Adds a sort key after those already applied (<paramref name="ordered"/>), or starts the ordering.</summary>
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> source, IOrderedQueryable<T>? ordered, Expression<Func<T, TKey>> key, bool descending) =>
        ordered is null
            ? (descending ? source.OrderByDescending(key) : source.OrderBy(key))
            : (descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key));
}
