using System.Diagnostics.Metrics;
using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetControl.Entries.Ledger;

/// <summary>
/// Group commit of plain creates on PostgreSQL (<c>Database:GroupCommit</c>): while a command that locks a wallet is in
/// flight, the plain creates of that wallet that arrive wait together (<see cref="KeyedWriteGate.JoinAsync{T}"/>) and go
/// as ONE command when their turn comes: their inserts, then the ledger's changes summed per row (one wallet update, one
/// counter upsert, one upsert per day, month and year row), one implicit transaction. One wallet's creates are serialised
/// on its row's lock, held through each commit's flush; a group pays that once for all its entries.
/// </summary>
internal sealed partial class Ledger
{
    public const string MeterName = "BudgetControl.Entries";

    private static readonly Meter Metrics = new(MeterName);

    private static readonly Histogram<int> GroupSizes = Metrics.CreateHistogram<int>(
        "budgetcontrol.entries.group_commit.size", unit: "{entry}", description: "Entries written by one command of the creates' group commit (PostgreSQL).");

    /// <summary>A plain create in a wallet's group: its insert, its ledger state, and the outcome its request waits for.</summary>
    private sealed class Pending((string Sql, object[] Values) insert, LedgerState state)
    {
        public (string Sql, object[] Values) Insert { get; } = insert;

        public LedgerState State { get; } = state;

        /// <summary>Completed by whoever carries it, once its command committed or failed.</summary>
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The wallet queue and wallet of a plain create that may join a group: one new entry, one wallet, groups on.</summary>
    private (KeyedWriteGate Gate, int Wallet)? GroupFor() =>
        WaitsForTurn && _created is { WalletId: { } wallet } && db.WalletWriters is { GroupLimit: > 1 } gate ? (gate, wallet) : null;

    /// <summary>
    /// Joins the wallet's group. A member waits for its leader's outcome (a member that gives up before its group has the
    /// turn is not written; after that it is written and simply not answered). The leader carries the whole group on its
    /// own connection, without its own request's cancellation when others ride along (their entries must not be lost to
    /// this client going away), and is answered from its own member's outcome.
    /// </summary>
    private async Task CommitInGroupAsync(KeyedWriteGate gate, int wallet, Pending own, CancellationToken ct)
    {
        var group = await gate.JoinAsync(wallet, own, ct);
        if (group is null)
        {
            try
            {
                await own.Done.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested && !own.Done.Task.IsCompleted)
            {
                gate.Withdraw(wallet, own);
                throw;
            }
            return;
        }
        using (group)
        {
            var alone = group.Members is [var only] && only == own;
            await CarryAsync(group.Members, alone ? ct : CancellationToken.None);
        }
        if (!group.Members.Contains(own))
        {
            // This leader gave up while waiting and took the turn for the others only.
            throw new OperationCanceledException(ct);
        }
        await own.Done.Task;
    }

    /// <summary>
    /// Writes a group's members, all in one command when they agree on the wallet's currency. If that command fails in the
    /// database (a guard, a constraint, a label deleted meanwhile), PostgreSQL rolled all of it back: each member is then
    /// written alone, so each gets its own outcome. A failure of another kind (the connection) is every member's: whether
    /// the commit happened is unknown, and writing again could write twice.
    /// </summary>
    private async Task CarryAsync(IReadOnlyList<Pending> members, CancellationToken ct)
    {
        if (members.Count == 0)
        {
            return;
        }
        GroupSizes.Record(members.Count);
        // Each amount was converted into the wallet's currency as its request read it; the guard checks one currency.
        if (members.Count > 1 && members.All(m => m.State.WalletCurrencyId == members[0].State.WalletCurrencyId))
        {
            try
            {
                await ExecuteAsync(Together(members), ct);
                foreach (var member in members)
                {
                    member.Done.TrySetResult();
                }
                return;
            }
            catch (Exception ex) when (ex is PostgresException || ex.InnerException is PostgresException)
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
                await ExecuteAsync(Together([member]), ct);
                member.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                member.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>The members' inserts and their ledger changes summed per row, as one command.</summary>
    private Statements Together(IReadOnlyList<Pending> members)
    {
        var ledger = new Ledger(db);
        var batch = new Statements();
        foreach (var member in members)
        {
            batch.Add(member.Insert.Sql, member.Insert.Values);
            ledger.Record(null, member.State);
        }
        return ledger.Build(postgres: true, batch);
    }
}
