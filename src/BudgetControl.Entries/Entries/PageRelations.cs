using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Entries;

/// <summary>
/// What a page of entries shows besides the entries themselves: their live labels and the few fields of the wallets,
/// payees and goals they refer to, in one statement by key, on both providers (a fixed text: Npgsql prepares it and
/// PostgreSQL plans it once per connection). Rows deleted since are left out, as the query filters of <see cref="Wallet"/>,
/// <see cref="Payee"/>, <see cref="Goal"/> and <see cref="Label"/> leave them out of a query's joins.
/// </summary>
internal static class PageRelations
{
    private const int LabelKind = 0;
    private const int WalletKind = 1;
    private const int PayeeKind = 2;
    private const int GoalKind = 3;

    // The ids go as arrays on PostgreSQL and as JSON arrays on SQLite (json_each), which has no array parameter.
    private static readonly string PostgresSql = Statement(n => $"= ANY({{{n}}})");
    private static readonly string SqliteSql = Statement(n => $"IN (SELECT value FROM json_each({{{n}}}))");

    // Labels by their entry (owner: the entry's id); wallets, payees and goals by their own id. {0}..{3}: the ids of each.
    private static string Statement(Func<int, string> among) => GenericPlans.Mark($"""
        SELECT el.entry_id AS owner, 0 AS kind, l.uuid AS uuid, l.name AS name, l.color AS detail, 0 AS currency_id
        FROM entry_labels AS el JOIN labels AS l ON l.id = el.label_id
        WHERE el.entry_id {among(0)} AND l.deleted_at IS NULL
        UNION ALL
        SELECT w.id, 1, w.uuid, w.name, w.type, w.currency_id FROM wallets AS w WHERE w.id {among(1)} AND w.deleted_at IS NULL
        UNION ALL
        SELECT p.id, 2, p.uuid, p.name, NULL, 0 FROM payees AS p WHERE p.id {among(2)} AND p.deleted_at IS NULL
        UNION ALL
        SELECT g.id, 3, g.uuid, g.name, NULL, 0 FROM goals AS g WHERE g.id {among(3)} AND g.deleted_at IS NULL
        """);

    /// <summary>The first <paramref name="shown"/> of <paramref name="entries"/> as answers' rows, in their order.</summary>
    public static async Task<List<EntryRow>> ReadAsync(List<Entry> entries, int shown, BudgetDbContext db, CancellationToken ct)
    {
        var ids = new int[shown];
        var wallets = new HashSet<int>();
        var payees = new HashSet<int>();
        var goals = new HashSet<int>();
        for (var i = 0; i < shown; i++)
        {
            var e = entries[i];
            ids[i] = e.Id;
            if (e.WalletId is { } wallet)
            {
                wallets.Add(wallet);
            }
            if (e.TransferWalletId is { } transferWallet)
            {
                wallets.Add(transferWallet);
            }
            if (e.PayeeId is { } payee)
            {
                payees.Add(payee);
            }
            if (e.GoalId is { } goal)
            {
                goals.Add(goal);
            }
        }
        var related = await (db.Database.IsNpgsql()
                ? db.Database.SqlQueryRaw<Related>(PostgresSql, ids, wallets.ToArray(), payees.ToArray(), goals.ToArray())
                : db.Database.SqlQueryRaw<Related>(SqliteSql, Json(ids), Json(wallets), Json(payees), Json(goals)))
            .ToListAsync(ct);

        var walletRefs = new Dictionary<int, WalletRef>();
        var named = new Dictionary<(int Kind, int Id), NamedView>();
        var labels = new Dictionary<int, List<LabelView>>();
        foreach (var r in related)
        {
            switch (r.Kind)
            {
                case LabelKind:
                    if (!labels.TryGetValue(r.Owner, out var list))
                    {
                        labels[r.Owner] = list = [];
                    }
                    list.Add(new LabelView(r.Uuid, r.Name, r.Detail ?? ""));
                    break;
                case WalletKind:
                    walletRefs[r.Owner] = new WalletRef(r.Uuid, r.Name,
                        EnumNames.TryParse(r.Detail, out WalletType type) ? type : throw new InvalidOperationException($"Unknown wallet type {r.Detail}."), r.CurrencyId);
                    break;
                case PayeeKind or GoalKind:
                    named[(r.Kind, r.Owner)] = new NamedView(r.Uuid, r.Name);
                    break;
            }
        }

        var rows = new List<EntryRow>(shown);
        for (var i = 0; i < shown; i++)
        {
            var e = entries[i];
            var row = new EntryRow(e,
                e.WalletId is { } wallet ? walletRefs.GetValueOrDefault(wallet) : null,
                e.TransferWalletId is { } transferWallet ? walletRefs.GetValueOrDefault(transferWallet)?.Uuid : null,
                e.PayeeId is { } payee ? named.GetValueOrDefault((PayeeKind, payee)) : null,
                e.GoalId is { } goal ? named.GetValueOrDefault((GoalKind, goal)) : null);
            if (labels.TryGetValue(e.Id, out var own))
            {
                row.Labels.AddRange(own.OrderBy(l => l.Name));
            }
            rows.Add(row);
        }
        return rows;
    }

    private static string Json(IEnumerable<int> ids) => "[" + string.Join(',', ids) + "]";

    /// <summary>A row of <see cref="Statement"/>: a label of the entry <see cref="Owner"/>, or the wallet, payee or goal of that id.</summary>
    private sealed class Related
    {
        public int Owner { get; set; }

        public int Kind { get; set; }

        public Guid Uuid { get; set; }

        public string Name { get; set; } = "";

        public string? Detail { get; set; }

        public int CurrencyId { get; set; }
    }
}
