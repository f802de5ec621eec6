using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace BudgetControl.Tests;

/// <summary>
/// Balances always equal what the entries say: thousands of random creates, updates (amount, wallet,
/// type, date into and out of the future, confirmation), deletes and restores through the HTTP API, one
/// after another and concurrently, after which every wallet, goal and payee balance is recomputed from
/// the entries and compared, and the money in wallets plus goals has changed only by incomes, expenses
/// and debits (transfers and savings only move it). The aggregates of the statistics (per day, per month,
/// per label and day, per label and month) are checked the same way, in a workspace whose time zone is not
/// UTC (and changes while the concurrent writers run); entries get, change and lose labels, and a label is
/// deleted half-way through the sequential run.
/// </summary>
public abstract class BalancePropertyTests(BudgetApp app, ITestOutputHelper output)
{
    private static readonly string[] Payees = ["Anna", "Bruno", "Carla"];

    private sealed record Tracked(string Uuid, string Type);

    private sealed class World
    {
        public required HttpClient Client { get; init; }
        public required TestUser Owner { get; init; }
        public required Guid Workspace { get; init; }
        public required List<Guid> Wallets { get; init; }
        public required List<Guid> Goals { get; init; }
        /// <summary>The live labels; a deleted one is taken out, so later requests no longer name it.</summary>
        public required List<Guid> Labels { get; init; }
        public ConcurrentDictionary<string, Tracked> Live { get; } = new();
        public ConcurrentDictionary<string, Tracked> Deleted { get; } = new();
    }

    private async Task<World> WorldAsync()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Property", new { workspace = new { name = "Property", time_zone = "Asia/Kolkata" }, wallet = new { name = "Main", balance = 1000 } });
        await app.SetRateAsync(ws, 1, 0.9m);
        var wallets = new List<Guid> { await app.DefaultWalletAsync(ws), await app.AddWalletAsync(ws, "Bank", opening: 50_000), await app.AddWalletAsync(ws, "Cash") };
        var goals = new List<Guid> { await app.AddGoalAsync(ws, "Car"), await app.AddGoalAsync(ws, "Trip") };
        var client = user.Client(ws);
        var labels = new List<Guid>();
        foreach (var name in new[] { "food", "car", "holiday", "work" })
        {
            var created = await client.PostAsJsonAsync("/api/label", new { name, color = "#336699" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            labels.Add(Guid.Parse((string)(await created.Json())["uuid"]!));
        }
        return new World { Owner = user, Client = client, Workspace = ws, Wallets = wallets, Goals = goals, Labels = labels };
    }

    [Fact]
    public async Task Balances_equal_the_entries_after_thousands_of_random_operations()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var world = await WorldAsync();
        var unexpected = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            var (description, status) = await StepAsync(world, random);
            if (!Acceptable(status, concurrent: false))
            {
                unexpected.Add($"step {i}: {description} → {(int)status}");
            }
            if (i % 250 == 249)
            {
                var inconsistencies = await app.InconsistenciesAsync(world.Workspace);
        Assert.True(inconsistencies.Count == 0, string.Join("\n", inconsistencies));
            }
            if (i == 750)
            {
                // A label goes away while entries carry it: its rows are no longer read, and the others stay right.
                var gone = world.Labels[^1];
                Assert.Equal(HttpStatusCode.NoContent, (await world.Client.DeleteAsync($"/api/label/{gone}")).StatusCode);
                world.Labels.Remove(gone);
            }
        }
        Assert.Empty(unexpected);
        await AssertInvariantsAsync(world);
    }

    [Fact]
    public async Task Balances_equal_the_entries_after_concurrent_random_operations()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var world = await WorldAsync();
        var owner = world.Owner;
        // Some entries exist first, so workers also fight over the same rows.
        var warmup = new Random(seed);
        for (var i = 0; i < 60; i++)
        {
            await StepAsync(world, warmup);
        }
        var failures = new ConcurrentBag<string>();
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed + w + 1);
            for (var i = 0; i < 120; i++)
            {
                var (description, status) = await StepAsync(world, random);
                if (!Acceptable(status, concurrent: true))
                {
                    failures.Add($"worker {w} step {i}: {description} → {(int)status}");
                }
            }
        }));
        // Meanwhile the time zone changes, which rebuilds the workspace's daily aggregates.
        var zones = Task.Run(async () =>
        {
            foreach (var zone in new[] { "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata" })
            {
                await Task.Delay(150);
                var response = await owner.Client().PutAsJsonAsync($"/api/workspace/update/{world.Workspace}", new { time_zone = zone });
                if (!Acceptable(response.StatusCode, concurrent: true))
                {
                    failures.Add($"time zone {zone} → {(int)response.StatusCode}");
                }
            }
        });
        await Task.WhenAll(workers.Append(zones));
        Assert.Empty(failures);
        await AssertInvariantsAsync(world);
    }

    [Fact]
    public async Task Balances_stay_exact_when_many_writers_share_one_wallet_and_transfer_both_ways_between_two()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var world = await WorldAsync();
        var (busy, other) = (world.Wallets[0], world.Wallets[1]);
        // 16 writers on one wallet: plain creates (on PostgreSQL the insert rides in the ledger's command), creates with
        // labels, payees and goals (the save's transaction, then the ledger's), transfers from and to a second wallet (the
        // two wallets locked in both orders of the request), updates moving entries between the two, deletes and restores.
        var failures = new ConcurrentBag<string>();
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed + w);
            for (var i = 0; i < 30; i++)
            {
                var (description, status) = await BusyStepAsync(world, random, busy, other);
                if (!Acceptable(status, concurrent: true))
                {
                    failures.Add($"worker {w} step {i}: {description} → {(int)status}");
                }
            }
        }));
        await Task.WhenAll(workers);
        Assert.Empty(failures);
        await AssertInvariantsAsync(world);
        Assert.True(world.Live.Count > 100, $"only {world.Live.Count} entries live");
        // Every turn taken on the two wallets was left: nothing of them is held or awaited any more.
        var gate = app.Service<DatabaseOptions>().WalletWriters!;
        foreach (var id in await WalletIdsAsync(busy, other))
        {
            // A group's leader leaves the turn after its members are answered.
        await UntilAsync(() => gate.Users(id) == 0);
        }
    }

    [Fact]
    public async Task Writers_of_a_wallet_wait_for_its_turn_and_a_cancelled_writer_leaves_the_queue()
    {
        var world = await WorldAsync();
        var (busy, other) = (world.Wallets[0], world.Wallets[1]);
        var ids = await WalletIdsAsync(busy, other);
        var gate = app.Service<DatabaseOptions>().WalletWriters!;
        var before = await app.WalletBalanceAsync(busy);
        var past = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var expense = new { amount = -1m, date_time = past, account_id = busy };
        if (app.Provider != DatabaseProvider.Postgres)
        {
            // SQLite's writers queue for the file (SqliteWriteGate), not per wallet: a held wallet turn holds nothing back.
            using (await gate.EnterAsync([ids[0]], CancellationToken.None))
            {
                Assert.Equal(HttpStatusCode.Created, (await world.Client.PostAsJsonAsync("/api/entry/expense", expense)).StatusCode);
            }
            Assert.Equal(before - 100, await app.WalletBalanceAsync(busy));
            return;
        }

        Task<HttpResponseMessage>[] queued;
        // The test takes every turn of the busy wallet (Database:WalletWriters of them).
        var held = new List<KeyedWriteGate.Turn>();
        for (var i = 0; i < gate.PerKey; i++)
        {
            held.Add(await gate.EnterAsync([ids[0]], CancellationToken.None));
        }
        try
        {
            // While this test holds the busy wallet's turn, a plain create, a labelled one (the save's transaction) and a
            // transfer into it from the other wallet all queue for it in the server, and none of them has moved the balance.
            queued =
            [
                world.Client.PostAsJsonAsync("/api/entry/expense", expense),
                world.Client.PostAsJsonAsync("/api/entry/expense", new { amount = -2m, date_time = past, account_id = busy, labels = new[] { "queued" } }),
                world.Client.PostAsJsonAsync("/api/entry/transfer", new { amount = 4m, date_time = past, account_id = other, transfer_id = busy }),
            ];
            await UntilAsync(() => gate.Users(ids[0]) == gate.PerKey + 3);
            using (var abandoned = new CancellationTokenSource())
            {
                // A writer that gives up while waiting (the client went away) leaves the queue.
                var cancelled = world.Client.PostAsJsonAsync("/api/entry/expense", expense, abandoned.Token);
                await UntilAsync(() => gate.Users(ids[0]) == gate.PerKey + 4);
                await abandoned.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
                await UntilAsync(() => gate.Users(ids[0]) == gate.PerKey + 3);
            }
            Assert.Equal(before, await app.WalletBalanceAsync(busy));
        }
        finally
        {
            held.ForEach(turn => turn.Dispose());
        }

        foreach (var response in await Task.WhenAll(queued))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        // -1 and -2 EUR, and the transfer's 4 converted into the busy wallet's currency, whatever the rate: recomputed.
        Assert.Empty(await app.InconsistenciesAsync(world.Workspace));
        Assert.NotEqual(before, await app.WalletBalanceAsync(busy));
        Assert.Equal(0, gate.Users(ids[0]));
        Assert.Equal(0, gate.Users(ids[1]));
        // The next write on the wallet goes through.
        Assert.Equal(HttpStatusCode.Created, (await world.Client.PostAsJsonAsync("/api/entry/expense", expense)).StatusCode);
        Assert.Equal(0, gate.Users(ids[0]));
    }

    [Fact]
    public async Task Plain_creates_waiting_for_a_busy_wallet_commit_together_and_each_is_answered_with_its_own_entry()
    {
        var (world, busy, _, gate, key, before, past) = await BusyWalletAsync();
        var postgres = app.Provider == DatabaseProvider.Postgres;
        using var groups = new GroupSizes();
        // Every third one with a label that exists (linked in the same command); all with their own amount and note.
        object Body(int i) => i % 3 == 0
            ? new { amount = -(i + 1m), date_time = past, account_id = busy, note = $"group {i}", labels = new[] { world.Labels[0].ToString() } }
            : new { amount = -(i + 1m), date_time = past, account_id = busy, note = $"group {i}" };
        const int writers = 20;
        Task<HttpResponseMessage>[] sent;
        // While the test holds the turn (the wallet's on PostgreSQL, the file's on SQLite), the creates gather in one group
        // (Database:GroupCommit).
        var held = await HoldTurnsAsync(gate, key);
        try
        {
            sent = [.. Enumerable.Range(0, writers).Select(i => world.Client.PostAsJsonAsync("/api/entry/expense", Body(i)))];
            await UntilAsync(() => gate.Users(key) == gate.PerKey + writers);
            Assert.Equal(before, await app.WalletBalanceAsync(busy));
        }
        finally
        {
            held.ForEach(turn => turn.Dispose());
        }

        var uuids = new List<Guid>();
        for (var i = 0; i < writers; i++)
        {
            var response = sent[i];
            Assert.Equal(HttpStatusCode.Created, (await response).StatusCode);
            var body = await (await response).Json();
            Assert.Equal($"group {i}", (string)body["note"]!);
            Assert.Equal(-(i + 1m), (decimal)body["amount"]!);
            Assert.Equal(i % 3 == 0 ? 1 : 0, body["labels"]!.AsArray().Count);
            uuids.Add(Guid.Parse((string)body["uuid"]!));
        }
        Assert.Equal(writers, uuids.Distinct().Count());
        Assert.Equal(before - (writers * (writers + 1) / 2 * 100), await app.WalletBalanceAsync(busy));
        var inconsistencies = await app.InconsistenciesAsync(world.Workspace);
        Assert.True(inconsistencies.Count == 0, string.Join("\n", inconsistencies));
        // A group's leader leaves the turn after its members are answered.
        await UntilAsync(() => gate.Users(key) == 0);
        // The twenty were written by one group's command (the histogram is the process's: other classes' groups are in it too).
        Assert.Contains((writers, postgres ? "postgresql" : "sqlite"), groups.Seen);
        if (postgres)
        {
            // One command, one transaction: every row carries the same inserting transaction id.
            var transactions = await app.WithDbAsync(db => db.Database
                .SqlQueryRaw<long>("SELECT COUNT(DISTINCT xmin::text)::bigint AS \"Value\" FROM entries WHERE uuid = ANY({0})", uuids.ToArray()).SingleAsync());
            Assert.Equal(1, transactions);
        }
    }

    [Fact]
    public async Task A_group_whose_command_fails_writes_its_members_one_by_one_and_refuses_only_the_one_that_must_fail()
    {
        var (world, busy, id, gate, key, before, past) = await BusyWalletAsync();
        var doomed = await world.Client.PostAsJsonAsync("/api/label", new { name = "doomed", color = "#993333" });
        var label = Guid.Parse((string)(await doomed.Json())["uuid"]!);

        Task<HttpResponseMessage>[] plain;
        Task<HttpResponseMessage> labelled;
        var held = await HoldTurnsAsync(gate, key);
        try
        {
            plain = [.. Enumerable.Range(1, 5).Select(i => world.Client.PostAsJsonAsync("/api/entry/expense", new { amount = -(decimal)i, date_time = past, account_id = busy }))];
            labelled = world.Client.PostAsJsonAsync("/api/entry/expense", new { amount = -100m, date_time = past, account_id = busy, labels = new[] { label.ToString() } });
            await UntilAsync(() => gate.Users(key) == gate.PerKey + 6);
            // The label goes away after its create found it and before the group's command: that command fails as a whole
            // (PostgreSQL: the link's guard divides by zero; SQLite: one row fewer changed than the group expects).
            await app.WithDbAsync(db => db.Labels.Where(l => l.Uuid == label).ExecuteUpdateAsync(u => u.SetProperty(l => l.DeletedAt, DateTime.UtcNow)));
        }
        finally
        {
            held.ForEach(turn => turn.Dispose());
        }

        foreach (var response in await Task.WhenAll(plain))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await (await labelled).Problem(HttpStatusCode.Conflict);
        Assert.Equal(before - 1500, await app.WalletBalanceAsync(busy));
        // Nothing of the refused entry was kept: the wallet holds the five others only.
        Assert.Equal(5, await app.WithDbAsync(db => db.Entries.IgnoreQueryFilters().CountAsync(e => e.WalletId == id)));
        var inconsistencies = await app.InconsistenciesAsync(world.Workspace);
        Assert.True(inconsistencies.Count == 0, string.Join("\n", inconsistencies));
        // A group's leader leaves the turn after its members are answered.
        await UntilAsync(() => gate.Users(key) == 0);
    }

    [Fact]
    public async Task A_group_is_written_to_its_end_when_its_leaders_client_goes_away_and_a_member_that_gave_up_first_is_left_out()
    {
        var (world, busy, id, gate, key, before, past) = await BusyWalletAsync();
        var postgres = app.Provider == DatabaseProvider.Postgres;
        object Expense(decimal amount) => new { amount, date_time = past, account_id = busy };

        using var leaderGone = new CancellationTokenSource();
        using var memberGone = new CancellationTokenSource();
        Task<HttpResponseMessage> leader, quitter;
        Task<HttpResponseMessage>[] members;
        // The test blocks the group's command in the database: PostgreSQL, the wallet's row locked; SQLite, the file's write
        // lock taken by a connection of its own (outside the server's gate), so the group's transaction waits for it.
        await using var blocker = await BlockerAsync();
        var held = await HoldTurnsAsync(gate, key);
        try
        {
            // The first create opens the group (its leader), the others join it.
            leader = world.Client.PostAsJsonAsync("/api/entry/expense", Expense(-1m), leaderGone.Token);
            await UntilAsync(() => gate.Users(key) == gate.PerKey + 1);
            members = [.. Enumerable.Range(2, 4).Select(i => world.Client.PostAsJsonAsync("/api/entry/expense", Expense(-(decimal)i)))];
            quitter = world.Client.PostAsJsonAsync("/api/entry/expense", Expense(-1000m), memberGone.Token);
            await UntilAsync(() => gate.Users(key) == gate.PerKey + 6);
            // A member that gives up before the group's turn leaves it: it is not written.
            await memberGone.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter);
            await UntilAsync(() => gate.Users(key) == gate.PerKey + 5);
            await blocker.BlockAsync(id);
        }
        finally
        {
            held.ForEach(turn => turn.Dispose());
        }
        // The group's command is in flight (PostgreSQL: waiting for the row; SQLite: the group took the turn, its members
        // are its leader's to carry, and its transaction waits for the file) when its leader's client goes away.
        await UntilAsync(() => postgres ? blocker.SomeoneWaits() : gate.Users(key) == 1);
        await leaderGone.CancelAsync();
        await blocker.ReleaseAsync();

        foreach (var response in await Task.WhenAll(members))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
        // The leader's entry rode in the same command: written, though its client was not answered; the quitter's is not.
        Assert.Equal(before - (1 + 2 + 3 + 4 + 5) * 100, await app.WalletBalanceAsync(busy));
        var inconsistencies = await app.InconsistenciesAsync(world.Workspace);
        Assert.True(inconsistencies.Count == 0, string.Join("\n", inconsistencies));
        await UntilAsync(() => gate.Users(key) == 0);
    }

    [Fact]
    public async Task A_grouped_create_whose_client_went_away_is_written_once_and_its_retry_with_the_same_idempotency_key_gets_the_stored_answer()
    {
        var (world, busy, id, gate, key, before, past) = await BusyWalletAsync();
        var postgres = app.Provider == DatabaseProvider.Postgres;
        Task<HttpResponseMessage> Create(decimal amount, string idempotencyKey, CancellationToken ct = default)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/entry/expense") { Content = JsonContent.Create(new { amount, date_time = past, account_id = busy }) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return world.Client.SendAsync(request, ct);
        }
        var leaderKey = "leader-" + Guid.NewGuid();
        var memberKey = "member-" + Guid.NewGuid();

        using var leaderGone = new CancellationTokenSource();
        using var memberGone = new CancellationTokenSource();
        Task<HttpResponseMessage> leader, member;
        await using var blocker = await BlockerAsync();
        var held = await HoldTurnsAsync(gate, key);
        try
        {
            leader = Create(-7m, leaderKey, leaderGone.Token);
            await UntilAsync(() => gate.Users(key) == gate.PerKey + 1);
            member = Create(-8m, memberKey, memberGone.Token);
            await UntilAsync(() => gate.Users(key) == gate.PerKey + 2);
            await blocker.BlockAsync(id);
        }
        finally
        {
            held.ForEach(turn => turn.Dispose());
        }
        // The group has the turn and its command waits in the database when both clients go away.
        await UntilAsync(() => postgres ? blocker.SomeoneWaits() : gate.Users(key) == 1);
        await leaderGone.CancelAsync();
        await memberGone.CancelAsync();
        await blocker.ReleaseAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => member);
        await UntilAsync(() => gate.Users(key) == 0);

        // Each client sends its create again with its key: the entry is not written twice, and the answer is the stored one.
        foreach (var (amount, idempotencyKey) in new[] { (-7m, leaderKey), (-8m, memberKey) })
        {
            var retry = await Create(amount, idempotencyKey);
            for (var i = 0; i < 100 && retry.StatusCode == HttpStatusCode.Conflict; i++)
            {
                // The first request may still be storing its answer.
                await Task.Delay(50);
                retry = await Create(amount, idempotencyKey);
            }
            var body = await retry.Json();
            Assert.True(retry.StatusCode == HttpStatusCode.Created, body.ToJsonString());
            Assert.Equal(amount, (decimal)body["amount"]!);
            var minor = (long)(amount * 100);
            var written = await app.WithDbAsync(db => db.Entries.IgnoreQueryFilters().Where(e => e.WalletId == id && e.Amount == minor).Select(e => e.Uuid).ToListAsync());
            Assert.Equal([Guid.Parse((string)body["uuid"]!)], written);
        }
        Assert.Equal(before - 1500, await app.WalletBalanceAsync(busy));
        var inconsistencies = await app.InconsistenciesAsync(world.Workspace);
        Assert.True(inconsistencies.Count == 0, string.Join("\n", inconsistencies));
    }

    /// <summary>A connection of the test's own that blocks the group's command in the database until released.</summary>
    private async Task<Blocker> BlockerAsync()
    {
        System.Data.Common.DbConnection connection = app.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(app.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        return new Blocker(connection);
    }

    private sealed class Blocker(System.Data.Common.DbConnection connection) : IAsyncDisposable
    {
        private System.Data.Common.DbTransaction? _transaction;

        /// <summary>PostgreSQL: locks the wallet's row; SQLite: takes the file's write lock (a write in an open transaction).</summary>
        public async Task BlockAsync(int wallet)
        {
            _transaction = await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = _transaction;
            var id = command.CreateParameter();
            id.Value = wallet;
            if (connection is NpgsqlConnection)
            {
                command.CommandText = "SELECT 1 FROM wallets WHERE id = $1 FOR UPDATE";
            }
            else
            {
                command.CommandText = "UPDATE wallets SET balance = balance WHERE id = $id";
                id.ParameterName = "$id";
            }
            command.Parameters.Add(id);
            await command.ExecuteNonQueryAsync();
        }

        /// <summary>PostgreSQL: another session waits for a lock (the group's command for the row).</summary>
        public bool SomeoneWaits()
        {
            using var waiting = connection.CreateCommand();
            waiting.CommandText = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()";
            return (long)waiting.ExecuteScalar()! > 0;
        }

        public Task ReleaseAsync() => _transaction!.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// The sizes of group commit's groups recorded while it lives, with their engine (the histogram
    /// <c>budgetcontrol.entries.group_commit.size</c>, tag <c>db.system.name</c>).
    /// </summary>
    private sealed class GroupSizes : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private readonly ConcurrentBag<(int Size, string? Engine)> _seen = [];

        public GroupSizes()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument is { Meter.Name: "BudgetControl.Entries", Name: "budgetcontrol.entries.group_commit.size" })
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
            {
                string? engine = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "db.system.name")
                    {
                        engine = tag.Value as string;
                    }
                }
                _seen.Add((size, engine));
            });
            _listener.Start();
        }

        public IReadOnlyCollection<(int Size, string? Engine)> Seen => [.. _seen];

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>
    /// The wallet the group-commit tests keep busy (the world's first), its id, the queue its plain creates wait in as groups
    /// and their key there (PostgreSQL: the wallet's queue and id; SQLite: the file's queue, DatabaseOptions.SqliteGroups),
    /// its balance and a day in the past.
    /// </summary>
    private sealed record BusyWallet(World World, Guid Wallet, int Id, KeyedWriteGate Gate, int Key, long Before, string Past);

    private async Task<BusyWallet> BusyWalletAsync()
    {
        var world = await WorldAsync();
        var busy = world.Wallets[0];
        var id = (await WalletIdsAsync(busy))[0];
        var options = app.Service<DatabaseOptions>();
        var (gate, key) = app.Provider == DatabaseProvider.Postgres ? (options.WalletWriters!, id) : (options.SqliteGroups!, DatabaseOptions.SqliteFile);
        return new BusyWallet(world, busy, id, gate, key, await app.WalletBalanceAsync(busy),
            DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
    }

    /// <summary>Takes every turn of a key (a wallet's: <c>Database:WalletWriters</c> of them; SQLite's file: one), so its writers queue behind the test.</summary>
    private static async Task<List<KeyedWriteGate.Turn>> HoldTurnsAsync(KeyedWriteGate gate, int key)
    {
        var held = new List<KeyedWriteGate.Turn>();
        for (var i = 0; i < gate.PerKey; i++)
        {
            held.Add(await gate.EnterAsync([key], CancellationToken.None));
        }
        return held;
    }

    /// <summary>Waits for the server to reach a state (no time is asserted: a state never reached fails after a minute).</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 6_000 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }

    private Task<int[]> WalletIdsAsync(params Guid[] wallets) =>
        app.WithDbAsync(async db =>
        {
            var ids = new List<int>();
            foreach (var wallet in wallets)
            {
                ids.Add(await db.Wallets.Where(w => w.Uuid == wallet).Select(w => w.Id).SingleAsync());
            }
            return ids.ToArray();
        });

    /// <summary>One write of <see cref="Balances_stay_exact_when_many_writers_share_one_wallet_and_transfer_both_ways_between_two"/>.</summary>
    private static async Task<(string, HttpStatusCode)> BusyStepAsync(World world, Random random, Guid busy, Guid other)
    {
        var live = world.Live.Values.ToList();
        var roll = random.Next(100);
        if (roll < 40 || live.Count < 4)
        {
            var type = random.Next(3) == 0 ? "income" : "expense";
            var amount = Amount(random);
            var plain = new { amount = type == "expense" ? -amount : amount, date_time = When(random), account_id = busy, category_id = random.Next(1, 20) };
            return ($"plain {type}", await CreatedAsync(type, await world.Client.PostAsJsonAsync($"/api/entry/{type}", plain)));
        }
        if (roll < 55)
        {
            var type = new[] { "expense", "income", "debit", "saving" }[random.Next(4)];
            return ($"create {type}", await CreatedAsync(type, await world.Client.PostAsJsonAsync($"/api/entry/{type}", Body(world, random, type, busy))));
        }
        if (roll < 75)
        {
            var (from, to) = random.Next(2) == 0 ? (busy, other) : (other, busy);
            var body = Body(world, random, "transfer", from);
            body["transfer_id"] = to;
            return ("create transfer", await CreatedAsync("transfer", await world.Client.PostAsJsonAsync("/api/entry/transfer", body)));
        }
        var pick = live[random.Next(live.Count)];
        if (roll < 90)
        {
            var (from, to) = random.Next(2) == 0 ? (busy, other) : (other, busy);
            var body = Body(world, random, pick.Type, from);
            body["transfer_id"] = to;
            var response = await world.Client.PutAsJsonAsync($"/api/entry/{pick.Type}/{pick.Uuid}", body);
            return ($"update {pick.Type}", response.StatusCode);
        }
        if (roll < 96)
        {
            var response = await world.Client.DeleteAsync($"/api/entry/{pick.Uuid}");
            if (response.IsSuccessStatusCode && world.Live.TryRemove(pick.Uuid, out var removed))
            {
                world.Deleted[pick.Uuid] = removed;
            }
            return ($"delete {pick.Type}", response.StatusCode);
        }
        if (world.Deleted.Values.FirstOrDefault() is not { } back)
        {
            return ("noop", HttpStatusCode.OK);
        }
        var restored = await world.Client.PatchAsync($"/api/entry/{back.Uuid}/restore", null);
        if (restored.IsSuccessStatusCode && world.Deleted.TryRemove(back.Uuid, out var again))
        {
            world.Live[back.Uuid] = again;
        }
        return ($"restore {back.Type}", restored.StatusCode);

        async Task<HttpStatusCode> CreatedAsync(string type, HttpResponseMessage response)
        {
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Json();
                var uuid = (string)(type == "transfer" ? body["transfer_this"]!["uuid"]! : body["uuid"]!)!;
                world.Live[uuid] = new Tracked(uuid, type);
            }
            return response.StatusCode;
        }
    }

    private static bool Acceptable(HttpStatusCode status, bool concurrent) =>
        (int)status is >= 200 and < 300
        // Concurrent writers may lose an optimistic-concurrency race or find a row already deleted.
        || (concurrent && status is HttpStatusCode.Conflict or HttpStatusCode.NotFound);

    private async Task AssertInvariantsAsync(World world)
    {
        var inconsistencies = await app.InconsistenciesAsync(world.Workspace);
        Assert.True(inconsistencies.Count == 0, string.Join("\n", inconsistencies));
        // Money in wallets and goals changes only by incomes, expenses and debits.
        var (walletsAndGoals, openings, flows) = await app.WithDbAsync(async db =>
        {
            var wsId = await db.Workspaces.Where(w => w.Uuid == world.Workspace).Select(w => w.Id).SingleAsync();
            var wallets = await db.Wallets.IgnoreQueryFilters().Where(w => w.WorkspaceId == wsId).ToListAsync();
            var goals = await db.Goals.IgnoreQueryFilters().Where(g => g.WorkspaceId == wsId).SumAsync(g => g.Balance);
            var counted = await db.Entries.IgnoreQueryFilters()
                .Where(e => e.WorkspaceId == wsId && e.Confirmed && !e.Planned && e.DeletedAt == null
                    && (e.Type == EntryType.Incoming || e.Type == EntryType.Expenses || e.Type == EntryType.Debit))
                .Select(e => e.WalletAmount).ToListAsync();
            return (wallets.Sum(w => w.Balance) + goals, wallets.Sum(w => w.OpeningBalance), counted.Sum());
        });
        Assert.Equal(openings + flows, walletsAndGoals);
    }

    private static string When(Random random) =>
        DateTime.UtcNow.AddDays(random.Next(4) == 0 ? random.Next(1, 30) : -random.Next(1, 300)).AddMinutes(-random.Next(24 * 60))
            .ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static decimal Amount(Random random) => random.Next(1, 500_000) / 100m;

    /// <summary>A few of the live labels (by uuid), none, or absent (an update then keeps the entry's own).</summary>
    private static string[]? Labels(World world, Random random) => random.Next(4) switch
    {
        0 => null,
        1 => [],
        _ => world.Labels.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(l => l.ToString()).ToArray(),
    };

    private static Dictionary<string, object?> Body(World world, Random random, string type, Guid? wallet = null)
    {
        var amount = Amount(random);
        var signed = type switch
        {
            "expense" => -amount,
            "debit" => random.Next(2) == 0 ? -amount : amount,
            _ => amount,
        };
        var account = wallet ?? world.Wallets[random.Next(world.Wallets.Count)];
        var target = world.Wallets.Where(w => w != account).ElementAt(random.Next(world.Wallets.Count - 1));
        var body = new Dictionary<string, object?>
        {
            ["amount"] = signed,
            ["date_time"] = When(random),
            ["account_id"] = account,
            ["transfer_id"] = target,
            ["confirmed"] = random.Next(5) != 0,
            ["exclude_from_stats"] = random.Next(8) == 0,
            ["category_id"] = random.Next(1, 20),
            ["currency_id"] = random.Next(6) == 0 ? "USD" : "EUR",
            ["payee_id"] = Payees[random.Next(Payees.Length)],
            ["goal_id"] = world.Goals[random.Next(world.Goals.Count)],
        };
        if (Labels(world, random) is { } labels)
        {
            body["labels"] = labels;
        }
        return body;
    }

    private static async Task<(string, HttpStatusCode)> StepAsync(World world, Random random)
    {
        string[] types = ["expense", "income", "debit", "saving", "transfer"];
        var live = world.Live.Values.ToList();
        var roll = random.Next(100);
        if (roll < 45 || live.Count < 5)
        {
            var type = types[random.Next(types.Length)];
            var response = await world.Client.PostAsJsonAsync($"/api/entry/{type}", Body(world, random, type));
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Json();
                var uuid = (string)(type == "transfer" ? body["transfer_this"]!["uuid"]! : body["uuid"]!)!;
                world.Live[uuid] = new Tracked(uuid, type);
            }
            return ($"create {type}", response.StatusCode);
        }
        var pick = live[random.Next(live.Count)];
        if (roll < 80)
        {
            // Update: new amount, wallet, date, confirmation; non-transfers may also change type.
            var type = pick.Type == "transfer" ? "transfer" : random.Next(4) == 0 ? types[random.Next(4)] : pick.Type;
            var response = await world.Client.PutAsJsonAsync($"/api/entry/{type}/{pick.Uuid}", Body(world, random, type));
            if (response.IsSuccessStatusCode)
            {
                world.Live[pick.Uuid] = pick with { Type = type };
            }
            return ($"update {pick.Type}→{type}", response.StatusCode);
        }
        if (roll < 86 && pick.Type != "transfer")
        {
            // Only the labels change: the entry's own aggregates stay, its label rows move.
            var labels = Labels(world, random) ?? Array.Empty<string>();
            var response = await world.Client.PutAsJsonAsync($"/api/entry/{pick.Uuid}", new { labels });
            return ($"relabel {pick.Type}", response.StatusCode);
        }
        if (roll < 94)
        {
            var response = await world.Client.DeleteAsync($"/api/entry/{pick.Uuid}");
            if (response.IsSuccessStatusCode && world.Live.TryRemove(pick.Uuid, out var removed))
            {
                world.Deleted[pick.Uuid] = removed;
            }
            return ($"delete {pick.Type}", response.StatusCode);
        }
        var deleted = world.Deleted.Values.ToList();
        if (deleted.Count == 0)
        {
            return ("noop", HttpStatusCode.OK);
        }
        var back = deleted[random.Next(deleted.Count)];
        var restored = await world.Client.PatchAsync($"/api/entry/{back.Uuid}/restore", null);
        if (restored.IsSuccessStatusCode && world.Deleted.TryRemove(back.Uuid, out var again))
        {
            world.Live[back.Uuid] = again;
        }
        return ($"restore {back.Type}", restored.StatusCode);
    }
}

public sealed class SqliteBalancePropertyTests(SqliteApp app, ITestOutputHelper output) : BalancePropertyTests(app, output), IClassFixture<SqliteApp>;

public sealed class PostgresBalancePropertyTests(PostgresApp app, ITestOutputHelper output) : BalancePropertyTests(app, output), IClassFixture<PostgresApp>;

/// <summary>SQLite whose writers wait at most a second for the file's turn (<c>Database:SqliteWriteWait</c>).</summary>
public sealed class ShortWriteWaitSqliteApp : BudgetApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Database:SqliteWriteWait", "00:00:01")];
}

public sealed class SqliteWriteWaitTests(ShortWriteWaitSqliteApp app) : IClassFixture<ShortWriteWaitSqliteApp>
{
    [Fact]
    public async Task A_group_of_creates_waits_for_the_files_turn_no_longer_than_a_single_write_and_is_written_once()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Money");
        var wallet = await app.DefaultWalletAsync(ws);
        var client = user.Client(ws);
        var past = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var options = app.Service<DatabaseOptions>();
        Assert.Equal(TimeSpan.FromSeconds(1), options.SqliteWriteWait);
        var gate = options.SqliteGroups!;
        const int key = DatabaseOptions.SqliteFile;

        // The test holds the file's turn (a writer that does not finish); SQLite's file itself stays free.
        var held = await gate.EnterAsync([key], CancellationToken.None);
        HttpResponseMessage[] answers;
        try
        {
            // Plain creates wait for the turn as a group; a create with a new payee is a single transaction waiting at its BEGIN.
            var plain = Enumerable.Range(1, 3).Select(i => client.PostAsJsonAsync("/api/entry/expense", new { amount = -(decimal)i, date_time = past, account_id = wallet }));
            var single = client.PostAsJsonAsync("/api/entry/expense", new { amount = -10m, date_time = past, account_id = wallet, payee_id = "Shop" });
            // Both kinds stop waiting after the bound and are written while the turn is still held.
            answers = await Task.WhenAll(plain.Append(single)).WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            held.Dispose();
        }
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(-1600, await app.WalletBalanceAsync(wallet));
        // A group that went without the turn left none behind (nor released the test's), and nothing is written later.
        Assert.Equal(0, gate.Users(key));
        await Task.Delay(500);
        Assert.Equal(4, await app.WithDbAsync(db => db.Entries.IgnoreQueryFilters().CountAsync(e => e.Wallet!.Uuid == wallet)));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }
}
