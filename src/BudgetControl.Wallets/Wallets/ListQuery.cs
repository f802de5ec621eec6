using System.Globalization;
using BudgetControl.Data.Reference;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Http;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Wallets.Wallets;

/// <summary>
/// The wallet list's query string as the original's clients send it: <c>filters[type]=bank,cache</c> (also
/// <c>filter[type]</c>), <c>filters[archived]=0|1</c>, <c>filters[currency]=EUR,USD</c> (codes or ids),
/// <c>filters[exclude_from_stats]=0|1</c>, <c>filters[installement]=0|1</c>, <c>filter[trashed]=true</c> and
/// <c>order[name|balance|sorting|created_at|updated_at]=asc|desc</c>, read by <see cref="ListQuery"/>: an unknown
/// key or a bad value is a 400 naming the key (the original answered 500); other query parameters are ignored.
/// </summary>
internal sealed class WalletListQuery
{
    private static readonly string[] OrderColumns = ["name", "balance", "sorting", "created_at", "updated_at"];
    private static readonly string[] FilterKeys = ["type", "archived", "currency", "exclude_from_stats", "installement", "trashed"];

    private readonly List<(string Column, bool Descending)> _order = [];
    private List<WalletType>? _types;
    private List<int>? _currencyIds;
    private bool? _archived;
    private bool? _excludeFromStats;
    private bool? _installement;
    private bool _trashed;

    public static WalletListQuery Parse(IQueryCollection parameters, Validation validation)
    {
        var result = new WalletListQuery();
        var query = new ListQuery(parameters, validation);
        query.RejectMalformed();
        result._order.AddRange(query.Order(OrderColumns));
        foreach (var filter in query.Filters(FilterKeys))
        {
            switch (filter.Key)
            {
                case "type":
                    result._types = Types(query, filter);
                    break;
                case "archived":
                    result._archived = query.Flag(filter.Parameter, filter.Value);
                    break;
                case "exclude_from_stats":
                    result._excludeFromStats = query.Flag(filter.Parameter, filter.Value);
                    break;
                case "installement":
                    result._installement = query.Flag(filter.Parameter, filter.Value);
                    break;
                case "currency":
                    result._currencyIds = Currencies(filter, validation);
                    break;
                default:
                    result._trashed = query.Flag(filter.Parameter, filter.Value) ?? false;
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
                "name" => query.SortBy(ordered, w => w.Name, descending),
                "balance" => query.SortBy(ordered, w => w.Balance, descending),
                "sorting" => query.SortBy(ordered, w => w.Sorting, descending),
                "created_at" => query.SortBy(ordered, w => w.CreatedAt, descending),
                _ => query.SortBy(ordered, w => w.UpdatedAt, descending),
            };
        }
        return ordered!.ThenBy(w => w.Id);
    }

    private static List<WalletType>? Types(ListQuery query, Filter filter)
    {
        var types = query.Enums<WalletType>(filter, $"a wallet type; use: {string.Join(", ", EnumNames.AllWalletTypes)}", EnumNames.TryParse);
        if (types.Count == 0)
        {
            query.Validation.Add(filter.Parameter, "must name at least one wallet type.");
        }
        return types.Count == filter.Items.Length && types.Count > 0 ? types : null;
    }

    private static List<int>? Currencies(Filter filter, Validation validation)
    {
        var ids = new List<int>();
        foreach (var name in filter.Items)
        {
            var found = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? ReferenceData.CurrencyById(id)
                : ReferenceData.CurrencyByCode(name);
            if (found is null)
            {
                validation.Add(filter.Parameter, $"\"{name}\" is not a known currency code or id.");
                return null;
            }
            ids.Add(found.Id);
        }
        if (ids.Count == 0)
        {
            validation.Add(filter.Parameter, "must name at least one currency.");
            return null;
        }
        return ids;
    }
}
