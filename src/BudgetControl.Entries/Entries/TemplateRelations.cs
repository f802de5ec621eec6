using BudgetControl.Data;
using BudgetControl.Data.Reference;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

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
            currencyIds.ToDictionary(id => id, id => ReferenceData.CurrencyById(id)?.MinorUnits ?? 2));
    }

    public Guid? Wallet(int? id) => id is { } key && _wallets.TryGetValue(key, out var uuid) ? uuid : null;

    public Guid? Payee(int? id) => id is { } key && _payees.TryGetValue(key, out var uuid) ? uuid : null;

    public Guid? Goal(int? id) => id is { } key && _goals.TryGetValue(key, out var uuid) ? uuid : null;

    public int MinorUnits(int currencyId) => _minorUnits.GetValueOrDefault(currencyId, 2);
}
