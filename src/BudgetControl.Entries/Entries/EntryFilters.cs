using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting.Api;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>The <c>filters[...]</c> that entry, template and plan lists share, applied one way to all three.</summary>
internal static class EntryFilters
{
    /// <summary>
    /// Applies <paramref name="filter"/> when it is <c>type</c>, <c>account_id</c>, <c>payee_id</c>,
    /// <c>currency_id</c> or <c>payment_type</c>; null when it is another (the list's own) filter.
    /// Uuids of another workspace match nothing; bad values are reported into the query's validation.
    /// </summary>
    public static async Task<IQueryable<T>?> ApplySharedAsync<T>(
        IQueryable<T> rows, Filter filter, ListQuery query, BudgetDbContext db, int workspaceId, CancellationToken ct)
        where T : class, IEntryShaped
    {
        switch (filter.Key)
        {
            case "type":
                var types = query.Enums<EntryType>(filter, "an entry type", EnumNames.TryParse);
                return rows.Where(r => types.Contains(r.Type));
            case "account_id":
                var wallets = await db.Wallets.IgnoreQueryFilters().IdsOfAsync(workspaceId, query.Uuids(filter), ct);
                return rows.Where(r => r.WalletId != null && wallets.Contains(r.WalletId.Value));
            case "payee_id":
                var payees = await db.Payees.IgnoreQueryFilters().IdsOfAsync(workspaceId, query.Uuids(filter), ct);
                return rows.Where(r => r.PayeeId != null && payees.Contains(r.PayeeId.Value));
            case "currency_id":
                var currencies = query.Ints(filter);
                return rows.Where(r => currencies.Contains(r.CurrencyId));
            case "payment_type":
                var paymentTypes = query.Ints(filter);
                return rows.Where(r => paymentTypes.Contains(r.PaymentTypeId));
            default:
                return null;
        }
    }
}
