using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Entries.Ledger;

/// <summary>What of an entry matters to balances and aggregates, captured before and after a change.</summary>
internal readonly record struct LedgerState(
    int WorkspaceId, EntryType Type, bool Confirmed, bool Planned, bool Deleted, int? WalletId, long WalletAmount, long BaseAmount, int? GoalId, int? PayeeId,
    int? WalletCurrencyId, DateTime DateTime, int CategoryId, bool ExcludeFromStats, int[] Labels)
{
    /// <summary>
    /// The state of <paramref name="e"/>; the wallet currency is known when the wallet is loaded (it was converted into it).
    /// Its live labels must be loaded (<c>Include(e => e.Labels)</c>): the label aggregates follow them.
    /// </summary>
    public static LedgerState Of(Entry e) =>
        new(e.WorkspaceId, e.Type, e.Confirmed, e.Planned, e.DeletedAt != null, e.WalletId, e.WalletAmount, e.BaseAmount, e.GoalId, e.PayeeId, e.Wallet?.CurrencyId,
            e.DateTime, e.CategoryId, e.ExcludeFromStats, [.. e.Labels.Where(l => l.DeletedAt == null).Select(l => l.Id).Distinct().Order()]);

    /// <summary>Only confirmed, non-planned, non-deleted entries count, as in the original.</summary>
    public bool Counts => Confirmed && !Planned && !Deleted;

    /// <summary>What the daily aggregates add up: counted entries not excluded from statistics.</summary>
    public bool CountsInStats => Counts && !ExcludeFromStats;
}

/// <summary>
/// Keeps wallet, goal and payee balances equal to what the entries say (the original recomputed them
/// inconsistently; see docs/differences.md): wallet = opening + counted non-saving amounts − counted savings drawn from it;
/// goal = counted savings into it; payee = counted debits with it. Every change of an entry removes the
/// old state's contribution and adds the new one's, as atomic increments in the caller's transaction,
/// so concurrent writes never lose an update, and moves, type changes and restores are all right.
/// The aggregates of the statistics move the same way: per day and month (<see cref="EntryDayTotal"/>,
/// <see cref="EntryMonthTotal"/>) and per label, day and month (<see cref="EntryLabelDayTotal"/>, <see cref="EntryLabelMonthTotal"/>).
/// </summary>
internal sealed class Ledger(BudgetDbContext db)
{
    private readonly Dictionary<int, long> _wallets = [];
    private readonly Dictionary<int, long> _goals = [];
    private readonly Dictionary<int, long> _payees = [];
    private readonly Dictionary<(int Workspace, int Wallet, EntryType Type, bool Planned), int> _counts = [];
    private readonly Dictionary<(int Workspace, DateTime Utc, int Label, int Wallet, int Category, EntryType Type), (long Total, int Count)> _days = [];
    private readonly Dictionary<int, int> _walletCurrencies = [];
    private readonly HashSet<int> _liveGoals = [];
    private readonly HashSet<int> _livePayees = [];

    /// <summary>Records the change of one entry from <paramref name="before"/> (null: new) to <paramref name="after"/>.</summary>
    public void Record(LedgerState? before, LedgerState after)
    {
        if (before is { } old)
        {
            Contribute(old, -1);
            Count(old, -1);
            Aggregate(old, -1);
        }
        Contribute(after, +1);
        Count(after, +1);
        Aggregate(after, +1);
        if (after.WalletId is { } wallet && after.WalletCurrencyId is { } currency)
        {
            _walletCurrencies[wallet] = currency;
        }
        // A goal or payee the entry now points at must still exist when its balance moves.
        if (!after.Deleted && after.GoalId is { } goal)
        {
            _liveGoals.Add(goal);
        }
        if (!after.Deleted && after.PayeeId is { } payee)
        {
            _livePayees.Add(payee);
        }
    }

    /// <summary>Applies the recorded changes; call inside the transaction that saves the entries.</summary>
    public async Task ApplyAsync(CancellationToken ct)
    {
        // A wallet whose counters or aggregates move is locked even when its balance does not, so its row
        // serialises every change of them (and a time-zone rebuild, which locks all of a workspace's wallets).
        foreach (var wallet in _counts.Keys.Select(k => k.Wallet).Concat(_days.Keys.Select(k => k.Wallet)).Where(w => w != 0))
        {
            _wallets.TryAdd(wallet, 0);
        }
        // Rows are locked in one order (wallets, goals, payees; by id) so concurrent writers cannot deadlock on them.
        foreach (var (id, delta) in _wallets.OrderBy(d => d.Key))
        {
            // The amount was converted into the wallet's currency as read; if that changed meanwhile, refuse.
            var currency = delta != 0 && _walletCurrencies.TryGetValue(id, out var c) ? c : (int?)null;
            var changed = await db.Wallets.IgnoreQueryFilters().Where(w => w.Id == id && (currency == null || w.CurrencyId == currency))
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Balance, w => w.Balance + delta), ct);
            if (changed == 0)
            {
                throw new DbUpdateConcurrencyException("The wallet's currency changed while the entry was written.");
            }
        }
        foreach (var (id, delta) in _goals.Where(d => d.Value != 0).OrderBy(d => d.Key))
        {
            var live = _liveGoals.Contains(id);
            var changed = await db.Goals.IgnoreQueryFilters().Where(g => g.Id == id && (!live || g.DeletedAt == null))
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Balance, g => g.Balance + delta), ct);
            if (changed == 0)
            {
                throw new DbUpdateConcurrencyException("The goal was deleted while the entry was written.");
            }
        }
        foreach (var (id, delta) in _payees.Where(d => d.Value != 0).OrderBy(d => d.Key))
        {
            var live = _livePayees.Contains(id);
            var changed = await db.Payees.IgnoreQueryFilters().Where(p => p.Id == id && (!live || p.DeletedAt == null))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Balance, p => p.Balance + delta), ct);
            if (changed == 0)
            {
                throw new DbUpdateConcurrencyException("The payee was deleted while the entry was written.");
            }
        }
        // After the wallet locks: a time-zone change that committed meanwhile is seen.
        var days = await LocalDaysAsync(ct);
        // Counters and aggregates last, in key order, in one round trip: their wallet's row (if any) is already
        // locked above, so they add no contention, and the locks are held for one statement batch less.
        var upserts = new Upserts();
        foreach (var (key, delta) in _counts.Where(d => d.Value != 0).OrderBy(d => d.Key.Workspace).ThenBy(d => d.Key.Wallet).ThenBy(d => d.Key.Type).ThenBy(d => d.Key.Planned))
        {
            upserts.Add(EntryCounts.IncrementSql, key.Workspace, key.Wallet, key.Type.Name(), key.Planned, delta);
        }
        // Label 0: the entry itself; any other: one of its labels. Months are the sums of their days.
        var months = NonZero(days.GroupBy(d => d.Key with { Day = EntryDayTotals.MonthOf(d.Key.Day) })
            .ToDictionary(g => g.Key, g => (Total: g.Sum(d => d.Value.Total), Count: g.Sum(d => d.Value.Count))));
        foreach (var (isDay, rows) in new[] { (true, days), (false, months) })
        {
            foreach (var (key, (total, count)) in rows.OrderBy(d => d.Key.Workspace).ThenBy(d => d.Key.Wallet).ThenBy(d => d.Key.Label).ThenBy(d => d.Key.Day).ThenBy(d => d.Key.Category).ThenBy(d => d.Key.Type))
            {
                if (key.Label == 0)
                {
                    upserts.Add(isDay ? EntryDayTotals.IncrementSql : EntryDayTotals.IncrementMonthSql, key.Workspace, key.Day, key.Wallet, key.Category, key.Type.Name(), total, count);
                }
                else
                {
                    upserts.Add(isDay ? EntryDayTotals.IncrementLabelDaySql : EntryDayTotals.IncrementLabelMonthSql, key.Workspace, key.Label, key.Day, key.Wallet, key.Category, key.Type.Name(), total, count);
                }
            }
        }
        if (upserts.Any)
        {
            await db.Database.ExecuteSqlRawAsync(upserts.Sql, upserts.Values, ct);
        }
        _days.Clear();
        _counts.Clear();
        _wallets.Clear();
        _goals.Clear();
        _payees.Clear();
        _walletCurrencies.Clear();
        _liveGoals.Clear();
        _livePayees.Clear();
    }

    /// <summary>
    /// The recorded aggregate changes by local day. The time zone is read from the database in this
    /// transaction, not from a cache, so a zone changed by another process a moment ago is already used.
    /// </summary>
    private async Task<Dictionary<(int Workspace, DateOnly Day, int Label, int Wallet, int Category, EntryType Type), (long Total, int Count)>> LocalDaysAsync(CancellationToken ct)
    {
        var days = new Dictionary<(int Workspace, DateOnly Day, int Label, int Wallet, int Category, EntryType Type), (long Total, int Count)>();
        foreach (var workspace in _days.Where(d => d.Value != default).Select(d => d.Key.Workspace).Distinct())
        {
            var zoneId = await db.WorkspaceSettings.AsNoTracking().Where(s => s.WorkspaceId == workspace).OrderBy(s => s.Id).Select(s => s.TimeZone).FirstOrDefaultAsync(ct);
            var zone = EntryDayTotals.Zone(zoneId);
            foreach (var (key, (total, count)) in _days.Where(d => d.Key.Workspace == workspace))
            {
                var day = (workspace, EntryDayTotals.LocalDay(key.Utc, zone), key.Label, key.Wallet, key.Category, key.Type);
                var sum = days.GetValueOrDefault(day);
                days[day] = (sum.Total + total, sum.Count + count);
            }
        }
        return NonZero(days);
    }

    /// <summary>Without the rows whose changes cancel out (an edit of the note moves no aggregate).</summary>
    private static Dictionary<TKey, (long Total, int Count)> NonZero<TKey>(Dictionary<TKey, (long Total, int Count)> rows)
        where TKey : notnull
    {
        foreach (var key in rows.Where(d => d.Value == default).Select(d => d.Key).ToList())
        {
            rows.Remove(key);
        }
        return rows;
    }

    private void Aggregate(LedgerState state, int sign)
    {
        if (!state.CountsInStats)
        {
            return;
        }
        // The entry's own row (label 0), then one row per label it carries.
        foreach (var label in state.Labels.Prepend(0))
        {
            var key = (state.WorkspaceId, state.DateTime, label, state.WalletId ?? 0, state.CategoryId, state.Type);
            var sum = _days.GetValueOrDefault(key);
            _days[key] = (sum.Total + sign * state.BaseAmount, sum.Count + sign);
        }
    }

    /// <summary>List counters: every live entry counts, whatever its confirmation or date.</summary>
    private void Count(LedgerState state, int sign)
    {
        if (!state.Deleted)
        {
            var key = (state.WorkspaceId, state.WalletId ?? 0, state.Type, state.Planned);
            _counts[key] = _counts.GetValueOrDefault(key) + sign;
        }
    }

    private void Contribute(LedgerState state, int sign)
    {
        if (!state.Counts)
        {
            return;
        }
        if (state.Type == EntryType.Saving)
        {
            // Saving moves money out of the wallet into the goal.
            Add(_wallets, state.WalletId, -sign * state.WalletAmount);
            Add(_goals, state.GoalId, sign * state.BaseAmount);
            return;
        }
        Add(_wallets, state.WalletId, sign * state.WalletAmount);
        if (state.Type == EntryType.Debit)
        {
            Add(_payees, state.PayeeId, sign * state.BaseAmount);
        }
    }

    /// <summary>Several parameterised statements sent as one command, their <c>{n}</c> placeholders renumbered in turn.</summary>
    private sealed class Upserts
    {
        private readonly System.Text.StringBuilder _sql = new();
        private readonly List<object> _values = [];

        public bool Any => _values.Count > 0;

        public string Sql => _sql.ToString();

        public IEnumerable<object> Values => _values;

        public void Add(string template, params object[] values)
        {
            var placeholders = Enumerable.Range(_values.Count, values.Length).Select(i => (object)("{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}")).ToArray();
            _sql.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, placeholders)).Append(";\n");
            _values.AddRange(values);
        }
    }

    private static void Add(Dictionary<int, long> deltas, int? id, long amount)
    {
        if (id is { } key)
        {
            deltas[key] = deltas.GetValueOrDefault(key) + amount;
        }
    }
}
