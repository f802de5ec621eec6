using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BudgetControl.Data;

/// <summary>
/// SQLite lets one transaction write at a time; a second writer gets SQLITE_BUSY, and the driver then
/// sleeps and tries again (150 ms at a time), which turned concurrent writes into seconds of waiting.
/// This gate makes the writers of this process queue for the write lock instead: a transaction waits
/// here (asynchronously, in order) before <c>BEGIN</c> and lets the next one in when it commits, rolls
/// back, or its connection closes (a transaction disposed without either). Only the all-in-one server
/// writes to its SQLite file, so one gate per process is the whole queue. After
/// <paramref name="maxWait"/> (<c>Database:SqliteWriteWait</c>, <see cref="DefaultMaxWait"/>) a writer stops waiting and
/// leaves it to SQLite's own busy handling, so a misuse can slow a write down but never hang it. The queue is
/// <see cref="KeyedWriteGate"/>'s, with one key: the file.
/// Plain creates may also wait in it as groups (<see cref="KeyedWriteGate.JoinAsync{T}"/>, at most <paramref name="groupLimit"/>
/// members: <c>Database:GroupCommit</c>), among the transactions that wait at their <c>BEGIN</c>; a group's leader then holds
/// the turn for all of them and lends it to its connection (<see cref="Carry"/>). A group waits as long as a single writer
/// at most (<see cref="KeyedWriteGate.MaxWait"/>), and then goes without the turn in the same way.
/// </summary>
internal sealed class SqliteWriteGate(int groupLimit = 1, TimeSpan? maxWait = null) : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    /// <summary>The file's key in its queue (one file per process).</summary>
    public const int File = 0;

    /// <summary>How long a writer waits for the file's turn unless configured (as long as SQLite's own busy timeout here).</summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(30);

    private readonly KeyedWriteGate _gate = new() { GroupLimit = Math.Max(groupLimit, 1), MaxWait = maxWait ?? DefaultMaxWait };
    private readonly ConditionalWeakTable<DbConnection, Holder> _holders = [];
    private readonly ConditionalWeakTable<DbTransaction, Holder> _transactions = [];

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, cancellationToken);
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        EnterAsync(connection, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        // After commit the transaction no longer knows its connection: remember which holder it releases.
        _transactions.AddOrUpdate(result, _holders.GetOrCreateValue(connection));
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Leave(transaction);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Leave(transaction);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        eventData.Action is "Commit" or "Rollback" ? Leave(transaction) : Task.CompletedTask;

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (eventData.Action is "Commit" or "Rollback")
        {
            Leave(transaction);
        }
    }

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) =>
        _holders.TryGetValue(connection, out var holder) ? Release(holder) : Task.CompletedTask;

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (_holders.TryGetValue(connection, out var holder))
        {
            Release(holder);
        }
    }

    /// <summary>Writers holding or awaiting the file's turn now.</summary>
    internal int Writers => _gate.Users(File);

    /// <summary>The file's queue (key <see cref="File"/>), where groups of plain creates wait (<see cref="KeyedWriteGate.JoinAsync{T}"/>).</summary>
    internal KeyedWriteGate Queue => _gate;

    /// <summary>
    /// Lends the file's turn, which the caller holds as a group's leader (<see cref="KeyedWriteGate.JoinAsync{T}"/>), to
    /// <paramref name="connection"/> until the returned value is disposed: the transactions the leader runs on it for the
    /// group (one, or one per member when the group's fails) start without waiting for the turn (it would wait for itself)
    /// and end without leaving it; the group leaves it once, when its leader disposes it. A group that waited
    /// <see cref="KeyedWriteGate.MaxWait"/> without getting the turn is carried the same way, like a single writer that gave up
    /// waiting: its transactions do not queue again, SQLite's busy handling is all they wait for.
    /// </summary>
    internal IDisposable Carry(DbConnection connection)
    {
        var holder = _holders.GetOrCreateValue(connection);
        if (holder.Holds)
        {
            throw new InvalidOperationException("The connection already holds the file's turn.");
        }
        holder.Holds = holder.Carried = true;
        return holder;
    }

    private async ValueTask EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var holder = _holders.GetOrCreateValue(connection);
        if (holder.Holds)
        {
            return;
        }
        holder.Holds = await _gate.TryEnterAsync(File, _gate.MaxWait, cancellationToken);
    }

    private Task Leave(DbTransaction transaction) =>
        _transactions.TryGetValue(transaction, out var holder) ? Release(holder) : Task.CompletedTask;

    private Task Release(Holder holder)
    {
        if (holder.Holds && !holder.Carried)
        {
            holder.Holds = false;
            _gate.Exit(File);
        }
        return Task.CompletedTask;
    }

    private sealed class Holder : IDisposable
    {
        public bool Holds { get; set; }

        /// <summary>The turn is a group's, lent to this connection (<see cref="Carry"/>): its transactions do not leave it.</summary>
        public bool Carried { get; set; }

        /// <summary>Ends a loan of the turn (<see cref="Carry"/>).</summary>
        public void Dispose() => Holds = Carried = false;
    }
}
