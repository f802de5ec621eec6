using System.Linq.Expressions;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;

namespace BudgetControl.Goals.Goals;

/// <summary>
/// The original list syntax: <c>filters[key]=a,b</c> (a set of values) and <c>order[key]=asc|desc</c>,
/// applied in the order given. Unknown keys are a 400 naming the parameter (the original answered 500).
/// </summary>
internal static class ListQuery
{
    public static List<(string Key, bool Descending)> Order(IQueryCollection query, IReadOnlyCollection<string> keys, Validation validation)
    {
        var order = new List<(string, bool)>();
        foreach (var (parameter, key, value) in Bracketed(query, "order"))
        {
            if (!keys.Contains(key))
            {
                validation.Add(parameter, $"can order by: {string.Join(", ", keys)}.");
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
                    validation.Add(parameter, "must be asc or desc.");
                    break;
            }
        }
        return order;
    }

    public static Dictionary<string, string[]> Filters(IQueryCollection query, IReadOnlyCollection<string> keys, Validation validation)
    {
        var filters = new Dictionary<string, string[]>();
        foreach (var (parameter, key, value) in Bracketed(query, "filters"))
        {
            if (!keys.Contains(key))
            {
                validation.Add(parameter, $"can filter by: {string.Join(", ", keys)}.");
                continue;
            }
            filters[key] = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        return filters;
    }

    /// <summary>Adds a sort key after those already applied (<paramref name="ordered"/>), or starts the ordering.</summary>
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> source, IOrderedQueryable<T>? ordered, Expression<Func<T, TKey>> key, bool descending) =>
        ordered is null
            ? (descending ? source.OrderByDescending(key) : source.OrderBy(key))
            : (descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key));

    private static IEnumerable<(string Parameter, string Key, string Value)> Bracketed(IQueryCollection query, string name)
    {
        foreach (var (parameter, values) in query)
        {
            if (parameter.Length > name.Length + 2
                && parameter.StartsWith(name + "[", StringComparison.OrdinalIgnoreCase)
                && parameter.EndsWith(']'))
            {
                yield return (parameter, parameter[(name.Length + 1)..^1].ToLowerInvariant(), values.ToString());
            }
        }
    }
}
