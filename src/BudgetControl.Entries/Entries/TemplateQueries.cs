using System.Linq.Expressions;
using BudgetControl.Data;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// The query string of the model and planned-entry lists (original-core §1.2): <c>filters[key]=a,b</c>
/// and <c>order[key]=asc|desc</c>, several keys applied in the order given. Unknown keys and bad
/// directions are a 400 naming the parameter (the original answered a 500).
/// </summary>
internal static class TemplateQueries
{
    /// <summary>The <c>filters[key]</c> parameters: key and its comma-separated values; unknown keys are added to <paramref name="validation"/>.</summary>
    public static List<(string RawKey, string Key, string Value, string[] Values)> Filters(IQueryCollection query, IReadOnlyCollection<string> allowed, Validation validation)
    {
        var filters = new List<(string, string, string, string[])>();
        foreach (var (rawKey, key, value) in Bracketed(query, "filters"))
        {
            if (!allowed.Contains(key))
            {
                validation.Add(rawKey, $"is not a filter; use one of {string.Join(", ", allowed)}.");
                continue;
            }
            filters.Add((rawKey, key, value, value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }
        return filters;
    }

    /// <summary>The enum values of a filter (e.g. <c>filters[type]=expenses,incoming</c>); each unknown one is a 400.</summary>
    public static List<TEnum> Enums<TEnum>(string[] values, string rawKey, string what, EnumParser<TEnum> parse, Validation validation)
        where TEnum : struct, Enum
    {
        var result = new List<TEnum>();
        foreach (var value in values)
        {
            if (parse(value, out var parsed))
            {
                result.Add(parsed);
            }
            else
            {
                validation.Add(rawKey, $"'{value}' is not {what}.");
            }
        }
        return result;
    }

    /// <summary>
    /// Orders by the <c>order[key]</c> parameters, then by <paramref name="fallback"/>, then by id so that
    /// equal keys keep a stable order.
    /// </summary>
    public static IQueryable<T> Order<T>(
        IQueryable<T> rows, IQueryCollection query, IReadOnlyDictionary<string, Expression<Func<T, object>>> keys,
        Expression<Func<T, object>> fallback, Expression<Func<T, int>> id, Validation validation)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var (rawKey, key, value) in Bracketed(query, "order"))
        {
            if (!keys.TryGetValue(key, out var selector))
            {
                validation.Add(rawKey, $"is not an order; use one of {string.Join(", ", keys.Keys)}.");
                continue;
            }
            bool descending;
            switch (value.Trim().ToLowerInvariant())
            {
                case "asc" or "":
                    descending = false;
                    break;
                case "desc":
                    descending = true;
                    break;
                default:
                    validation.Add(rawKey, "must be asc or desc.");
                    continue;
            }
            ordered = ordered is null
                ? descending ? rows.OrderByDescending(selector) : rows.OrderBy(selector)
                : descending ? ordered.ThenByDescending(selector) : ordered.ThenBy(selector);
        }
        ordered = ordered is null ? rows.OrderBy(fallback) : ordered.ThenBy(fallback);
        return ordered.ThenBy(id);
    }

    private static IEnumerable<(string RawKey, string Key, string Value)> Bracketed(IQueryCollection query, string name)
    {
        foreach (var (rawKey, values) in query)
        {
            if (rawKey.Length > name.Length + 2 && rawKey.StartsWith(name + "[", StringComparison.Ordinal) && rawKey.EndsWith(']'))
            {
                yield return (rawKey, rawKey[(name.Length + 1)..^1], values.ToString());
            }
        }
    }
}

/// <summary>Parses the API spelling of an enum (<see cref="Data.Entities.EnumNames"/>).</summary>
internal delegate bool EnumParser<TEnum>(string? text, out TEnum value);

/// <summary>
/// The public ids (uuids) and currency decimals that templates and plans point at, loaded in one query
/// per kind for a whole list. Soft-deleted wallets, payees and goals still show their uuid.
/// </summary>
internal sealed class TemplateRelations
{
    private readonly Dictionary<int, Guid> _wallets;
    private readonly Dictionary<int, Guid> _payees;
    private readonly Dictionary<int, Guid> _goals;
    private readonly Dictionary<int, int> _minorUnits;

    private TemplateRelations(Dictionary<int, Guid> wallets, Dictionary<int, Guid> payees, Dictionary<int, Guid> goals, Dictionary<int, int> minorUnits)
    {
        _wallets = wallets;
        _payees = payees;
        _goals = goals;
        _minorUnits = minorUnits;
    }

    public static async Task<TemplateRelations> LoadAsync(
        BudgetDbContext db, IEnumerable<int?> wallets, IEnumerable<int?> payees, IEnumerable<int?> goals, IEnumerable<int> currencies, CancellationToken ct)
    {
        var walletIds = wallets.OfType<int>().Distinct().ToList();
        var payeeIds = payees.OfType<int>().Distinct().ToList();
        var goalIds = goals.OfType<int>().Distinct().ToList();
        var currencyIds = currencies.Distinct().ToList();
        return new TemplateRelations(
            walletIds.Count == 0 ? [] : await db.Wallets.IgnoreQueryFilters().Where(w => walletIds.Contains(w.Id)).Select(w => new { w.Id, w.Uuid }).ToDictionaryAsync(w => w.Id, w => w.Uuid, ct),
            payeeIds.Count == 0 ? [] : await db.Payees.IgnoreQueryFilters().Where(p => payeeIds.Contains(p.Id)).Select(p => new { p.Id, p.Uuid }).ToDictionaryAsync(p => p.Id, p => p.Uuid, ct),
            goalIds.Count == 0 ? [] : await db.Goals.IgnoreQueryFilters().Where(g => goalIds.Contains(g.Id)).Select(g => new { g.Id, g.Uuid }).ToDictionaryAsync(g => g.Id, g => g.Uuid, ct),
            currencyIds.Count == 0 ? [] : await db.Currencies.Where(c => currencyIds.Contains(c.Id)).Select(c => new { c.Id, c.MinorUnits }).ToDictionaryAsync(c => c.Id, c => c.MinorUnits, ct));
    }

    public Guid? Wallet(int? id) => id is { } key && _wallets.TryGetValue(key, out var uuid) ? uuid : null;

    public Guid? Payee(int? id) => id is { } key && _payees.TryGetValue(key, out var uuid) ? uuid : null;

    public Guid? Goal(int? id) => id is { } key && _goals.TryGetValue(key, out var uuid) ? uuid : null;

    public int MinorUnits(int currencyId) => _minorUnits.GetValueOrDefault(currencyId, 2);
}
