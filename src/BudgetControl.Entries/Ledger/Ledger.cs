using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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
/// The aggregates of the statistics move the same way: per day, month and year (<see cref="EntryDayTotal"/>,
/// <see cref="EntryMonthTotal"/>, <see cref="EntryYearTotal"/>) and per label, day and month (<see cref="EntryLabelDayTotal"/>, <see cref="EntryLabelMonthTotal"/>).
/// </summary>
internal sealed partial class Ledger(BudgetDbContext db)
{
    private readonly Dictionary<int, long> _wallets = [];
    private readonly Dictionary<int, long> _goals = [];
    private readonly Dictionary<int, long> _payees = [];
    private readonly Dictionary<(int Workspace, int Wallet, EntryType Type, bool Planned), int> _counts = [];
    private readonly Dictionary<(int Workspace, DateTime Utc, int Label, int Wallet, int Category, EntryType Type), (long Total, int Count)> _days = [];
    private readonly Dictionary<int, int> _walletCurrencies = [];
    private readonly HashSet<int> _liveGoals = [];
    private readonly HashSet<int> _livePayees = [];
    // The changes recorded since the last commit, and the new entry when the only one was a creation (group commit).
    private int _recorded;
    private LedgerState? _created;

    /// <summary>
    /// False for a transaction that locked a wallet's row itself before the ledger's command (a card's settlement rolls
    /// the card's statement first): waiting for that wallet's turn while holding its row could wait for a writer that
    /// holds the turn and waits for the row. Such a writer queues on the row's lock alone.
    /// </summary>
    public bool WaitsForTurn { get; init; } = true;

    /// <summary>Records the change of one entry from <paramref name="before"/> (null: new) to <paramref name="after"/>.</summary>
    public void Record(LedgerState? before, LedgerState after)
    {
        _created = ++_recorded == 1 && before is null ? after : null;
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

    /// <summary>
    /// Applies the recorded changes and commits <paramref name="tx"/>, the transaction that saved the entries; the
    /// transaction is over (disposed) when this returns. Every change goes to the database as one command: balance
    /// increments, then counters and day totals. On PostgreSQL the <c>COMMIT</c> travels in that same command, so the
    /// rows it locks (a wallet, its counter and its day rows, which every write to that wallet needs) are held for the
    /// statements and the commit's flush only, not also for a round trip back to this process and another to the
    /// database (on one busy wallet that round trip, queued behind other requests on a loaded server, lengthened every
    /// writer's wait: docs/performance.md). Each statement changes exactly one row unless a guard fails; a failed
    /// guard aborts the transaction before its commit (in the database on PostgreSQL, see <see cref="Guarded"/>) and
    /// surfaces as a <see cref="DbUpdateConcurrencyException"/> (a 409).
    /// </summary>
    public async Task CommitAsync(IDbContextTransaction tx, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        var batch = Build(postgres);
        try
        {
            if (batch.Count == 0)
            {
                await tx.CommitAsync(ct);
            }
            else if (postgres)
            {
                batch.Add("COMMIT");
                using (await WalletsTurnAsync(ct))
                {
                    await ExecuteAsync(batch, ct);
                }
            }
            else
            {
                await ExecuteCountedAsync(batch, batch.Count, ct);
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            // After a COMMIT sent as SQL the transaction must not be handed to another command; after a failure this rolls back.
            await tx.DisposeAsync();
        }
        Clear();
    }

    /// <summary>
    /// A new row that needs nothing else written first: sends its <c>INSERT</c> (<paramref name="insert"/>, from
    /// <see cref="BudgetDbContext.DetachedInsert"/>, with any statements that must follow it; <c>Rows</c>: the rows they
    /// change when nothing was deleted meanwhile) and the recorded changes as one command. PostgreSQL runs it as one
    /// implicit transaction (one <c>Sync</c>): no <c>BEGIN</c> and no round trip of its own for the insert, and the insert
    /// with its foreign keys' checks planned once per connection like the ledger's statements. SQLite runs it between
    /// <c>BEGIN</c> and <c>COMMIT</c>: everything is built before its one writer's turn (the transaction's start, see
    /// <c>SqliteWriteGate</c>), and under it only these statements and the commit run (not EF Core's save and a second
    /// command). Failures as in <see cref="CommitAsync"/>: any failed statement, a guard included, rolls back all of them.
    /// With group commit on (<c>Database:GroupCommit</c>), a create that must wait for its turn (its wallet's on PostgreSQL,
    /// the file's on SQLite) goes in one command with the others that wait for it (GroupCommit.cs).
    /// </summary>
    public async Task InsertAndCommitAsync((string Sql, object[] Values, int Rows) insert, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        if (GroupFor(postgres) is { } group)
        {
            // Cleared first: whatever happens, this ledger's changes are the group's to write or drop now.
            var created = _created!.Value;
            Clear();
            await CommitInGroupAsync(group.Gate, group.Key, new Pending(insert, created), postgres, ct);
            return;
        }
        var batch = new Statements();
        batch.Add(insert.Sql, insert.Values);
        var inserts = batch.Count;
        Build(postgres, batch);
        if (!postgres)
        {
            // Each ledger statement changes one row unless its guard fails (see CommitAsync).
            var rows = insert.Rows + batch.Count - inserts;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ExecuteCountedAsync(batch, rows, ct);
            await tx.CommitAsync(ct);
            Clear();
            return;
        }
        using (await WalletsTurnAsync(ct))
        {
            await ExecuteAsync(batch, ct);
        }
        Clear();
    }

    /// <summary>
    /// SQLite: sends <paramref name="batch"/> as one command in the caller's transaction; fewer changed rows than
    /// <paramref name="rows"/> means a guard failed (SQLite cannot abort inside the statement), a <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    private async Task ExecuteCountedAsync(Statements batch, int rows, CancellationToken ct)
    {
        if (await db.Database.ExecuteSqlRawAsync(batch.Sql, batch.Values, ct) != rows)
        {
            throw new DbUpdateConcurrencyException(GuardFailed);
        }
    }

    /// <summary>PostgreSQL: sends <paramref name="batch"/> as one command; a failed guard is a <see cref="DbUpdateConcurrencyException"/>.</summary>
    private async Task ExecuteAsync(Statements batch, CancellationToken ct)
    {
        try
        {
            // Updates and upserts of single rows by key: PostgreSQL plans them once per connection.
            await db.Database.ExecuteSqlRawAsync(GenericPlans.Mark(batch.Sql), batch.Values, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DivisionByZero)
        {
            throw new DbUpdateConcurrencyException(GuardFailed, ex);
        }
    }

    /// <summary>
    /// PostgreSQL, after <see cref="Build"/>: waits for this process's turn on every wallet whose row the command locks
    /// (<see cref="DatabaseOptions.WalletWriters"/>), in the order the command locks them; the turn ends when the command
    /// has returned or failed. Without it, every concurrent writer of one wallet sent its command at once and queued on the
    /// row's lock, whose release wakes all of them to fight for it again (unfair, long tails, PostgreSQL's CPU per write
    /// growing with the writers: docs/performance.md, "One busy wallet"); with it they wait here, in order, and the row's
    /// lock stays the guard against other processes. The transaction (if any) is already open, but nothing it holds yet is a
    /// row that a command holding a turn locks: wallets, goals, payees, counters and aggregates are written by these
    /// commands, which end with the commit, and by writers that never wait for a turn (a wallet's or a workspace's update,
    /// a card's settlement: <see cref="WaitsForTurn"/>); so a turn never waits for a writer that waits for a turn.
    /// </summary>
    private ValueTask<KeyedWriteGate.Turn> WalletsTurnAsync(CancellationToken ct) =>
        WaitsForTurn && _wallets.Count > 0 && db.WalletWriters is { QueuesEveryWriter: true } gate ? gate.EnterAsync(_wallets.Keys, ct) : ValueTask.FromResult(default(KeyedWriteGate.Turn));

    private void Clear()
    {
        _recorded = 0;
        _created = null;
        _days.Clear();
        _counts.Clear();
        _wallets.Clear();
        _goals.Clear();
        _payees.Clear();
        _walletCurrencies.Clear();
        _liveGoals.Clear();
        _livePayees.Clear();
    }

    private const string GuardFailed = "A wallet's currency changed, or a goal, payee or label was deleted, while the entry was written.";

    /// <summary>The recorded changes as statements, in lock order.</summary>
    private Statements Build(bool postgres, Statements? into = null)
    {
        // A wallet whose counters or aggregates move is locked even when its balance does not, so its row
        // serialises every change of them (and a time-zone rebuild, which locks all of a workspace's wallets).
        foreach (var wallet in _counts.Keys.Select(k => k.Wallet).Concat(_days.Keys.Select(k => k.Wallet)).Where(w => w != 0))
        {
            _wallets.TryAdd(wallet, 0);
        }
        var batch = into ?? new Statements();
        // Rows are locked in one order (wallets, goals, payees; by id) so concurrent writers cannot deadlock on them.
        foreach (var (id, delta) in _wallets.OrderBy(d => d.Key))
        {
            // The amount was converted into the wallet's currency as read; if that changed meanwhile, refuse.
            if (delta != 0 && _walletCurrencies.TryGetValue(id, out var currency))
            {
                batch.Add(Guarded(postgres, "UPDATE wallets SET balance = balance + {0} WHERE id = {1} AND currency_id = {2}"), delta, id, currency);
            }
            else
            {
                batch.Add(Guarded(postgres, "UPDATE wallets SET balance = balance + {0} WHERE id = {1}"), delta, id);
            }
        }
        foreach (var (id, delta) in _goals.Where(d => d.Value != 0).OrderBy(d => d.Key))
        {
            // A goal the entry now points at must still exist when its balance moves.
            batch.Add(Guarded(postgres, _liveGoals.Contains(id) ? "UPDATE goals SET balance = balance + {0} WHERE id = {1} AND deleted_at IS NULL" : "UPDATE goals SET balance = balance + {0} WHERE id = {1}"), delta, id);
        }
        foreach (var (id, delta) in _payees.Where(d => d.Value != 0).OrderBy(d => d.Key))
        {
            batch.Add(Guarded(postgres, _livePayees.Contains(id) ? "UPDATE payees SET balance = balance + {0} WHERE id = {1} AND deleted_at IS NULL" : "UPDATE payees SET balance = balance + {0} WHERE id = {1}"), delta, id);
        }
        // Counters and aggregates last, in key order: their wallet's row (if any) is already locked above, so they
        // add no contention. The local day is computed by the statement from the workspace's time zone as stored:
        // it runs after the wallet locks, so a time-zone change that committed meanwhile is seen (a statement's
        // snapshot is taken when it starts), and no separate read of the zone is needed.
        foreach (var (key, delta) in _counts.Where(d => d.Value != 0).OrderBy(d => d.Key.Workspace).ThenBy(d => d.Key.Wallet).ThenBy(d => d.Key.Type).ThenBy(d => d.Key.Planned))
        {
            batch.Add(EntryCounts.IncrementSql, key.Workspace, key.Wallet, key.Type.Name(), key.Planned, delta);
        }
        // Label 0: the entry itself; any other: one of its labels. Each key adds to its day's and its month's row (label 0 to its year's too).
        foreach (var (key, (total, count)) in _days.Where(d => d.Value != default).OrderBy(d => d.Key.Workspace).ThenBy(d => d.Key.Wallet).ThenBy(d => d.Key.Label).ThenBy(d => d.Key.Utc).ThenBy(d => d.Key.Category).ThenBy(d => d.Key.Type))
        {
            var utc = DateTime.SpecifyKind(key.Utc, DateTimeKind.Utc);
            if (key.Label == 0)
            {
                batch.Add(EntryDayTotals.IncrementAtSql(postgres, label: false), key.Workspace, utc, key.Wallet, key.Category, key.Type.Name(), total, count);
            }
            else
            {
                batch.Add(EntryDayTotals.IncrementAtSql(postgres, label: true), key.Workspace, utc, key.Label, key.Wallet, key.Category, key.Type.Name(), total, count);
            }
        }
        return batch;
    }

    /// <summary>
    /// An update of one row that must change it. On PostgreSQL, where the commit follows in the same command, the
    /// statement itself fails when no row matched (1 / 0: <c>division_by_zero</c>, which nothing else in the batch can
    /// raise), so the transaction aborts before its <c>COMMIT</c>; SQLite's caller counts the changed rows instead.
    /// </summary>
    private static string Guarded(bool postgres, string update) =>
        postgres ? $"WITH changed AS ({update} RETURNING 1) SELECT 1 / COUNT(*) FROM changed" : update;

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
    private sealed class Statements
    {
        private readonly System.Text.StringBuilder _sql = new();
        private readonly List<object> _values = [];

        /// <summary>Statements added (a template may hold several, separated by <c>;\n</c>).</summary>
        public int Count { get; private set; }

        public string Sql => _sql.ToString();

        public IEnumerable<object> Values => _values;

        public void Add(string template, params object[] values)
        {
            var placeholders = Enumerable.Range(_values.Count, values.Length).Select(i => (object)("{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}")).ToArray();
            _sql.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, placeholders)).Append(";\n");
            _values.AddRange(values);
            Count += template.AsSpan().Count(";\n") + 1;
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
