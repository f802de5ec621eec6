using BudgetControl.Data;
using BudgetControl.Hosting.Cache;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BudgetControl.SearchEngine.Search;

/// <summary>
/// The workspace's live labels, payees and wallets (a few hundred rows at most), read in one statement and
/// folded: the search matches its words against them, and shows the page's entries with them instead of
/// joining those tables again (docs/decisions/0009-search.md). Kept by <see cref="SearchNamesCache"/>.
/// </summary>
internal sealed class SearchNames
{
    private const int LabelKind = 0;
    private const int PayeeKind = 1;
    private const int WalletKind = 2;

    public Dictionary<int, NamedRow> Labels { get; } = [];
    public Dictionary<int, NamedRow> Payees { get; } = [];
    public Dictionary<int, NamedRow> Wallets { get; } = [];

    public static async Task<SearchNames> LoadAsync(BudgetDbContext db, int ws, CancellationToken ct)
    {
        // One statement instead of one per table: each costs a round trip, a parse and a plan.
        var rows = await db.Labels.Where(l => l.WorkspaceId == ws).Select(l => new { Kind = LabelKind, l.Id, l.Uuid, l.Name, l.Color })
            .Concat(db.Payees.Where(p => p.WorkspaceId == ws).Select(p => new { Kind = PayeeKind, p.Id, p.Uuid, p.Name, Color = "" }))
            .Concat(db.Wallets.Where(w => w.WorkspaceId == ws).Select(w => new { Kind = WalletKind, w.Id, w.Uuid, w.Name, Color = "" }))
            .ToListAsync(ct);
        var names = new SearchNames();
        foreach (var row in rows)
        {
            var named = new NamedRow(row.Id, row.Uuid, row.Name, row.Color, SearchTerms.Fold(row.Name));
            var book = row.Kind switch
            {
                LabelKind => names.Labels,
                PayeeKind => names.Payees,
                _ => names.Wallets,
            };
            book[row.Id] = named;
        }
        return names;
    }
}

/// <summary>A label, payee or wallet: what the answer shows of it, and its name folded as the search's words are.</summary>
internal sealed record NamedRow(int Id, Guid Uuid, string Name, string Color, string Folded);

/// <summary>
/// <see cref="SearchNames"/> per workspace and workspace version (<see cref="WorkspaceVersions"/>: every write to the
/// workspace bumps it, in every process), so repeated searches neither read nor fold the names again, and a rename is
/// seen by the next search. When the version is unknown (Redis down) the names are read every time.
/// </summary>
internal sealed class SearchNamesCache(IMemoryCache memory, WorkspaceVersions versions)
{
    /// <summary>Bounds what an idle workspace keeps in memory; a write makes the entry unreachable at once.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<SearchNames> GetAsync(BudgetDbContext db, int ws, CancellationToken ct)
    {
        var version = await versions.CurrentAsync(ws);
        if (version is { } known && memory.TryGetValue(("bc:search-names", ws, known), out SearchNames? cached) && cached is not null)
        {
            return cached;
        }
        var names = await SearchNames.LoadAsync(db, ws, ct);
        if (version is { } read)
        {
            memory.Set(("bc:search-names", ws, read), names, new MemoryCacheEntryOptions { SlidingExpiration = Lifetime });
        }
        return names;
    }
}
