using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// What a list's filters restrict, as far as the entry counters (<see cref="EntryCount"/>) can answer:
/// types, the planned flag and wallets. Any other filter makes the total a bounded count instead.
/// </summary>
internal sealed class EntryCountScope
{
    private HashSet<EntryType>? _types;
    private bool? _planned;
    private bool _empty;
    private HashSet<int>? _wallets;

    /// <summary>False once a filter that no counter knows was applied.</summary>
    public bool Countable { get; private set; } = true;

    public void Types(IEnumerable<EntryType> types) => _types = _types is null ? [.. types] : [.. _types.Intersect(types)];

    public void Planned(bool planned)
    {
        _empty |= _planned is { } p && p != planned;
        _planned = planned;
    }

    public void Wallets(IEnumerable<int> wallets) => _wallets = _wallets is null ? [.. wallets] : [.. _wallets.Intersect(wallets)];

    public void Uncountable() => Countable = false;

    /// <summary>The number of live entries matching, summed from at most a few hundred counter rows.</summary>
    public async Task<long> TotalAsync(BudgetDbContext db, int workspaceId, CancellationToken ct) =>
        Counters(db, workspaceId) is { } counters ? await counters.SumAsync(c => c.Count, ct) : 0;

    /// <summary>The counter rows to sum (a query, so a list can read it in the statement of its page); null when nothing can match.</summary>
    public IQueryable<EntryCount>? Counters(BudgetDbContext db, int workspaceId)
    {
        if (_empty)
        {
            return null;
        }
        var counts = db.EntryCounts.AsNoTracking().Where(c => c.WorkspaceId == workspaceId);
        if (_types is { } types)
        {
            var list = types.ToList();
            counts = counts.Where(c => list.Contains(c.Type));
        }
        if (_planned is { } planned)
        {
            counts = counts.Where(c => c.Planned == planned);
        }
        if (_wallets is { } wallets)
        {
            var list = wallets.ToList();
            counts = counts.Where(c => list.Contains(c.WalletId));
        }
        return counts;
    }
}
