using System.Diagnostics.Metrics;
using BudgetControl.Data;
using BudgetControl.Hosting.Api;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetControl.Entries.Ledger;

/// <summary>
/// Group commit of plain creates (<c>Database:GroupCommit</c>): while a writer holds the turn, the plain creates that
/// arrive wait together (<see cref="KeyedWriteGate.JoinAsync{T}"/>) and are written as ONE command when their turn comes:
/// their inserts, then the ledger's changes summed per row (one update per wallet, one counter upsert, one upsert per day,
/// month and year row), one transaction, one commit. On PostgreSQL they wait in their wallet's queue: one wallet's creates
/// are serialised on its row's lock, held through each commit's flush; a group pays that once for all its entries. On
/// SQLite they wait in the file's queue (<see cref="DatabaseOptions.SqliteGroups"/>), where every transaction waits for
/// the one writer's turn at its <c>BEGIN</c>: creates of any wallets, since every commit's flush is the file's.
/// </summary>
internal sealed partial class Ledger
{
    public const string MeterName = "BudgetControl.Entries";

    private static readonly Meter Metrics = new(MeterName);

    private static readonly Histogram<int> GroupSizes = Metrics.CreateHistogram<int>(
        "budgetcontrol.entries.group_commit.size", unit: "{entry}", description: "Entries written by one command of the creates' group commit (tag db.system.name: postgresql or sqlite).");

    /// <summary>
    /// A plain create in a group: its insert (with its label links; <c>Rows</c>: the rows they change, counted on SQLite),
    /// its ledger state, and the outcome its request waits for.
    /// </summary>
    private sealed class Pending((string Sql, object[] Values, int Rows) insert, LedgerState state)
    {
        public (string Sql, object[] Values, int Rows) Insert { get; } = insert;

        public LedgerState State { get; } = state;

        /// <summary>Completed by whoever carries it, once its command committed or failed.</summary>
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// The queue and key a plain create (one new entry, groups on) may join a group in: PostgreSQL, its wallet's queue
    /// (<see cref="DatabaseOptions.WalletWriters"/>); SQLite, the file's (<see cref="DatabaseOptions.SqliteGroups"/>), when no
    /// transaction of this context holds the file's turn already (its group would wait for it).
    /// </summary>
    private (KeyedWriteGate Gate, int Key)? GroupFor(bool postgres) =>
        !WaitsForTurn || _created is not { } created ? null
        : postgres ? created.WalletId is { } wallet && db.WalletWriters is { GroupLimit: > 1 } gate ? (gate, wallet) : null
        : db.Database.CurrentTransaction is null && db.SqliteGroups is { } file ? (file, DatabaseOptions.SqliteFile) : null;

    /// <summary>
    /// Joins the group of <paramref name="key"/> (a wallet, or SQLite's file). A member waits for its leader's outcome (a
    /// member that gives up before its group has the turn is not written; after that it is written, and its request
    /// still ends with the outcome, for an <c>Idempotency-Key</c> to keep). The leader carries the whole group on its own connection, without its own request's cancellation when
    /// others ride along (their entries must not be lost to this client going away), and is answered from its own member's
    /// outcome. On SQLite the leader's connection holds the file's turn the group took while it carries the group
    /// (<see cref="BudgetDbContext.CarryFileTurn"/>): its <c>BEGIN</c> must not queue for the turn again. A SQLite group waits
    /// for the turn at most as long as a single transaction (<c>Database:SqliteWriteWait</c>, <see cref="KeyedWriteGate.MaxWait"/>)
    /// and is then written without it, under SQLite's busy handling, as that transaction would be; if the file stays busy,
    /// every member fails as a single write does (SQLITE_BUSY: retried, then a 409) and none is written later.
    /// </summary>
    private async Task CommitInGroupAsync(KeyedWriteGate gate, int key, Pending own, bool postgres, CancellationToken ct)
    {
        var group = await gate.JoinAsync(key, own, ct);
        if (group is null)
        {
            try
            {
                await own.Done.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested && !own.Done.Task.IsCompleted)
            {
                if (gate.Withdraw(key, own))
                {
                    throw; // Left the group before its turn: not written.
                }
                // Its leader carries it already: the outcome is this request's answer though the client went away, so that
                // an Idempotency-Key keeps it and the client's retry does not write the entry again.
                await own.Done.Task;
            }
            return;
        }
        using (group)
        {
            var alone = group.Members is [var only] && only == own;
            try
            {
                using (postgres ? null : db.CarryFileTurn())
                {
                    await CarryAsync(group.Members, postgres, alone ? ct : CancellationToken.None);
                }
            }
            catch (Exception ex)
            {
                // Nothing was carried: no member may wait for ever.
                foreach (var member in group.Members)
                {
                    member.Done.TrySetException(ex);
                }
                throw;
            }
        }
        if (!group.Members.Contains(own))
        {
            // This leader gave up while waiting and took the turn for the others only.
            throw new OperationCanceledException(ct);
        }
        await own.Done.Task;
    }

    /// <summary>
    /// Writes a group's members, all in one command when those of each wallet agree on its currency. If that command fails
    /// in the database (a guard, a constraint, a label deleted meanwhile; on SQLite fewer changed rows than expected), the
    /// whole transaction was rolled back: each member is then written alone, so each gets its own outcome. A transient
    /// failure (a busy SQLite file, a deadlock) left nothing written either, but is every member's: each request's retry
    /// (<c>TransientRetry</c>) runs it again, instead of one member after another each waiting out the same busy file. A
    /// failure of another kind (the connection) is every member's: whether the commit happened is unknown, and writing
    /// again could write twice.
    /// </summary>
    private async Task CarryAsync(IReadOnlyList<Pending> members, bool postgres, CancellationToken ct)
    {
        if (members.Count == 0)
        {
            return;
        }
        GroupSizes.Record(members.Count, new KeyValuePair<string, object?>("db.system.name", postgres ? "postgresql" : "sqlite"));
        // Each amount was converted into its wallet's currency as its request read it; the guard checks one currency per wallet.
        if (members.Count > 1 && members.GroupBy(m => m.State.WalletId).All(w => w.Select(m => m.State.WalletCurrencyId).Distinct().Count() == 1))
        {
            try
            {
                await WriteAsync(members, postgres, ct);
                foreach (var member in members)
                {
                    member.Done.TrySetResult();
                }
                return;
            }
            catch (Exception ex) when (RolledBack(ex, postgres) && !TransientRetry.IsTransient(ex))
            {
                // Rolled back as a whole: one by one below.
            }
            catch (Exception ex)
            {
                foreach (var member in members)
                {
                    member.Done.TrySetException(ex);
                }
                return;
            }
        }
        foreach (var member in members)
        {
            try
            {
                await WriteAsync([member], postgres, ct);
                member.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                member.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// A failure that left nothing written: PostgreSQL refused the command (it runs as one implicit transaction); SQLite
    /// refused a statement or the commit, or a guard changed fewer rows than expected (the transaction was rolled back).
    /// </summary>
    private static bool RolledBack(Exception ex, bool postgres) => postgres
        ? ex is PostgresException || ex.InnerException is PostgresException
        : ex is DbUpdateConcurrencyException or SqliteException || ex.InnerException is SqliteException;

    /// <summary>
    /// The members' inserts and their ledger changes summed per row, as one command: on PostgreSQL one implicit
    /// transaction; on SQLite between <c>BEGIN</c> and <c>COMMIT</c>, its changed rows counted against every member's
    /// (each statement changes at most its expected rows, so the sum is short exactly when one of them is).
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<Pending> members, bool postgres, CancellationToken ct)
    {
        var ledger = new Ledger(db);
        var batch = new Statements();
        foreach (var member in members)
        {
            batch.Add(member.Insert.Sql, member.Insert.Values);
            ledger.Record(null, member.State);
        }
        var inserts = batch.Count;
        ledger.Build(postgres, batch);
        if (postgres)
        {
            await ExecuteAsync(batch, ct);
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ExecuteCountedAsync(batch, members.Sum(m => m.Insert.Rows) + batch.Count - inserts, ct);
        await tx.CommitAsync(ct);
    }
}
