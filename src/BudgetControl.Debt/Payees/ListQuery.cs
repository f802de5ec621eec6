using System.Linq.Expressions;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;

namespace BudgetControl.Debt.Payees;

/// <summary>
/// The original ordering syntax <c>order[key]=asc|desc</c>, applied in the order given; an unknown key
/// or direction is a 400 naming the parameter.
/// </summary>
internal static class ListQuery
{
    public static List<(string Key, bool Descending)> Order(IQueryCollection query, IReadOnlyCollection<string> keys, Validation validation)
    {
        var order = new List<(string, bool)>();
        foreach (var (parameter, values) in query)
        {
            if (parameter.Length <= "order[]".Length || !parameter.StartsWith("order[", StringComparison.OrdinalIgnoreCase) || !parameter.EndsWith(']'))
            {
                continue;
            }
            var key = parameter["order[".Length..^1].ToLowerInvariant();
            if (!keys.Contains(key))
            {
                validation.Add(parameter, $"can order by: {string.Join(", ", keys)}.");
                continue;
            }
            switch (values.ToString().Trim().ToLowerInvariant())
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

    /// <summary>Adds a sort key after those already applied (<paramref name="ordered"/>), or starts the ordering.</summary>
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> source, IOrderedQueryable<T>? ordered, Expression<Func<T, TKey>> key, bool descending) =>
        ordered is null
            ? (descending ? source.OrderByDescending(key) : source.OrderBy(key))
            : (descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key));
}
