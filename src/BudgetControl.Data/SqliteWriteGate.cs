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
/// <see cref="MaxWait"/> a writer stops waiting and leaves it to SQLite's own busy handling, so a
/// misuse can slow a write down but never hang it. The queue is <see cref="KeyedWriteGate"/>'s, with one key: the file.
/// </summary>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private const int File = 0;
    private readonly KeyedWriteGate _gate = new();
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

    private async ValueTask EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var holder = _holders.GetOrCreateValue(connection);
        if (holder.Holds)
        {
            return;
        }
        holder.Holds = await _gate.TryEnterAsync(File, MaxWait, cancellationToken);
    }

    private Task Leave(DbTransaction transaction) =>
        _transactions.TryGetValue(transaction, out var holder) ? Release(holder) : Task.CompletedTask;

    private Task Release(Holder holder)
    {
        if (holder.Holds)
        {
            holder.Holds = false;
            _gate.Exit(File);
        }
        return Task.CompletedTask;
    }

    private sealed class Holder
    {
        public bool Holds { get; set; }
    }
}
