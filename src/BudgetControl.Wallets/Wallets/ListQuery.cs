using System.Globalization;
using System.Linq.Expressions;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Wallets.Wallets;

/// <summary>
/// The wallet list's query string as the original's clients send it: <c>filters[type]=bank,cache</c> (also
/// <c>filter[type]</c>), <c>filters[archived]=0|1</c>, <c>filters[currency]=EUR,USD</c> (codes or ids),
/// <c>filters[exclude_from_stats]=0|1</c>, <c>filters[installement]=0|1</c>, <c>filter[trashed]=true</c> and
/// <c>order[name|balance|sorting|created_at|updated_at]=asc|desc</c>. An unknown key or a bad value is a 400
/// naming the key (the original answered 500); other query parameters are ignored.
/// </summary>
internal sealed class WalletListQuery
{
    private static readonly string[] OrderColumns = ["name", "balance", "sorting", "created_at", "updated_at"];
    private const string KnownFilters = "filters[type], filters[archived], filters[currency], filters[exclude_from_stats], filters[installement], filter[trashed]";

    private readonly List<(string Column, bool Descending)> _order = [];
    private List<WalletType>? _types;
    private List<int>? _currencyIds;
    private bool? _archived;
    private bool? _excludeFromStats;
    private bool? _installement;
    private bool _trashed;

    public static async Task<WalletListQuery> ParseAsync(IQueryCollection query, BudgetDbContext db, Validation validation, CancellationToken ct)
    {
        var result = new WalletListQuery();
        foreach (var (key, values) in query)
        {
            var value = string.Join(',', values.Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)));
            switch (key.ToLowerInvariant())
            {
                case "filters[type]" or "filter[type]":
                    result._types = Types(key, value, validation);
                    break;
                case "filters[archived]":
                    result._archived = Flag(key, value, validation);
                    break;
                case "filters[exclude_from_stats]":
                    result._excludeFromStats = Flag(key, value, validation);
                    break;
                case "filters[installement]":
                    result._installement = Flag(key, value, validation);
                    break;
                case "filters[currency]":
                    result._currencyIds = await CurrenciesAsync(key, value, db, validation, ct);
                    break;
                case "filter[trashed]":
                    result._trashed = Flag(key, value, validation) ?? false;
                    break;
                case var other when other.StartsWith("order[", StringComparison.Ordinal) && other.EndsWith(']'):
                    result.AddOrder(key, other[6..^1], value, validation);
                    break;
                case var other when other.StartsWith("filter", StringComparison.Ordinal) || other.StartsWith("order", StringComparison.Ordinal):
                    validation.Add(key, $"is not a known filter; use {KnownFilters} or order[{string.Join("|", OrderColumns)}].");
                    break;
            }
        }
        return result;
    }

    /// <summary>The workspace's wallets that match, in the asked order (default: <c>sorting</c>, then <c>name</c>).</summary>
    public IQueryable<Wallet> Apply(IQueryable<Wallet> wallets, int workspaceId)
    {
        var query = (_trashed ? wallets.IgnoreQueryFilters() : wallets).Where(w => w.WorkspaceId == workspaceId);
        if (_types is { } types)
        {
            query = query.Where(w => types.Contains(w.Type));
        }
        if (_currencyIds is { } currencyIds)
        {
            query = query.Where(w => currencyIds.Contains(w.CurrencyId));
        }
        if (_archived is { } archived)
        {
            query = query.Where(w => w.Archived == archived);
        }
        if (_excludeFromStats is { } excluded)
        {
            query = query.Where(w => w.ExcludeFromStats == excluded);
        }
        if (_installement is { } installement)
        {
            query = query.Where(w => w.Installement == installement);
        }
        var order = _order.Count > 0 ? _order : [("sorting", false), ("name", false)];
        IOrderedQueryable<Wallet>? ordered = null;
        foreach (var (column, descending) in order)
        {
            ordered = column switch
            {
                "name" => By(query, ordered, w => w.Name, descending),
                "balance" => By(query, ordered, w => w.Balance, descending),
                "sorting" => By(query, ordered, w => w.Sorting, descending),
                "created_at" => By(query, ordered, w => w.CreatedAt, descending),
                _ => By(query, ordered, w => w.UpdatedAt, descending),
            };
        }
        return ordered!.ThenBy(w => w.Id);
    }

    private void AddOrder(string key, string column, string value, Validation validation)
    {
        if (!OrderColumns.Contains(column))
        {
            validation.Add(key, $"is not a known order; use order[{string.Join("|", OrderColumns)}].");
        }
        else if (value.ToLowerInvariant() is "asc" or "desc")
        {
            _order.Add((column, value.Equals("desc", StringComparison.OrdinalIgnoreCase)));
        }
        else
        {
            validation.Add(key, "must be asc or desc.");
        }
    }

    private static IOrderedQueryable<Wallet> By<TKey>(
        IQueryable<Wallet> query, IOrderedQueryable<Wallet>? ordered, Expression<Func<Wallet, TKey>> key, bool descending) =>
        ordered is null
            ? (descending ? query.OrderByDescending(key) : query.OrderBy(key))
            : (descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key));

    private static List<WalletType>? Types(string key, string value, Validation validation)
    {
        var types = new List<WalletType>();
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!EnumNames.TryParse(name, out WalletType type))
            {
                validation.Add(key, $"\"{name}\" is not a wallet type; use: {string.Join(", ", EnumNames.AllWalletTypes)}.");
                return null;
            }
            types.Add(type);
        }
        if (types.Count == 0)
        {
            validation.Add(key, "must name at least one wallet type.");
            return null;
        }
        return types;
    }

    private static async Task<List<int>?> CurrenciesAsync(string key, string value, BudgetDbContext db, Validation validation, CancellationToken ct)
    {
        var currencies = await db.Currencies.AsNoTracking().Select(c => new { c.Id, c.Label }).ToListAsync(ct);
        var ids = new List<int>();
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var found = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? currencies.Find(c => c.Id == id)
                : currencies.Find(c => c.Label.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                validation.Add(key, $"\"{name}\" is not a known currency code or id.");
                return null;
            }
            ids.Add(found.Id);
        }
        if (ids.Count == 0)
        {
            validation.Add(key, "must name at least one currency.");
            return null;
        }
        return ids;
    }

    private static bool? Flag(string key, string value, Validation validation)
    {
        switch (value.ToLowerInvariant())
        {
            case "1" or "true":
                return true;
            case "0" or "false":
                return false;
            default:
                validation.Add(key, "must be 0, 1, true or false.");
                return null;
        }
    }
}
