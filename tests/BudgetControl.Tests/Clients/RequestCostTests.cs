using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BudgetControl.Tests.Clients;

/// <summary>
/// Issue 9: the fixed cost of an authenticated request has no database round trip (revoked sessions are
/// checked in memory), yet logout reaches other processes within seconds.
/// </summary>
public abstract class RequestCostTests(ClientApp app)
{
    [Fact]
    public async Task An_authenticated_request_runs_no_database_command_once_the_user_is_cached()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync();
        var client = user.Client(ws);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/workspace/current")).StatusCode); // warms the user and membership cache

        var connection = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()));
        using var commands = new CommandCounter(connection!);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/check")).StatusCode);
        }
        Assert.DoesNotContain(commands.Snapshot(), t => !CommandCounter.IsRevocationReload(t));
        // The counter does see this database: a wallet list reads the wallets table.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/wallet/list")).StatusCode);
        Assert.Contains(commands.Snapshot(), t => t.Contains("wallets", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Entry_reads_and_writes_send_the_fewest_database_commands()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync();
        var wallet = await app.DefaultWalletAsync(ws);
        var client = user.Client(ws);
        var expense = new { amount = -12.10m, date_time = "2025-03-28 10:38", account_id = wallet, category_id = 3, labels = new[] { "food" } };
        var created = await client.PostAsJsonAsync("/api/entry/expense", expense);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var uuid = (string)(await created.Json())["uuid"]!;

        var connection = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()));
        using var commands = new CommandCounter(connection!);
        // Each request once to warm the caches (user, membership, workspace settings) and the compiled queries, then counted.
        async Task<List<string>> CommandsOf(Func<Task<HttpResponseMessage>> request, HttpStatusCode expected)
        {
            Assert.Equal(expected, (await request()).StatusCode);
            var before = commands.Snapshot().Count;
            Assert.Equal(expected, (await request()).StatusCode);
            return [.. commands.Snapshot().Skip(before).Where(t => !CommandCounter.IsRevocationReload(t))];
        }

        // Both providers: the page's entries with the total from the counters (planned for its values on PostgreSQL), then
        // their labels and the wallets, payees and goals they refer to (look-ups by key, planned once per connection; one
        // statement text per provider, PageRelations). SQLite read the page with its names, its labels by id, the total.
        var postgres = app.Provider == BudgetControl.Data.DatabaseProvider.Postgres;
        var page = await CommandsOf(() => client.GetAsync("/api/entry?per_page=30&page=1&filters[planned]=0"), HttpStatusCode.OK);
        Assert.Equal(2, page.Count);
        Assert.Contains("UNION ALL", page[1], StringComparison.Ordinal);
        // A list that no counter answers (a date range): its bounded count comes in the page's statement too (it was a
        // third command).
        Assert.Equal(2, (await CommandsOf(() => client.GetAsync("/api/entry?per_page=30&filters[planned]=0&date_from=2025-03-01&date_to=2025-03-31"), HttpStatusCode.OK)).Count);
        Assert.Equal(postgres ? 1 : 2, (await CommandsOf(() => client.GetAsync($"/api/entry/{uuid}"), HttpStatusCode.OK)).Count);
        // The user with their workspaces; the current workspace's settings with its members.
        Assert.Equal(2, (await CommandsOf(() => client.GetAsync("/api/auth/user-info"), HttpStatusCode.OK)).Count);
        // The wallet, then the insert with the ledger's batch for its balance, counter and day totals as one command
        // (Ledger.InsertAndCommitAsync): on PostgreSQL one implicit transaction; on SQLite the only command between BEGIN and
        // COMMIT (neither is a command), so EF Core's save of the entry no longer runs while the one writer holds the file.
        var create = await CommandsOf(() => client.PostAsJsonAsync("/api/entry/expense", expense with { labels = Array.Empty<string>() }), HttpStatusCode.Created);
        Assert.Equal(2, create.Count);
        Assert.True(create[1].Contains("INSERT INTO entries", StringComparison.Ordinal) && create[1].Contains("UPDATE wallets", StringComparison.Ordinal), create[1]);
        // With a label that exists (found by name), it is linked in the same command: the wallet, the label, then the
        // insert with its link and the ledger's batch (before, the entry's insert, its link, and the ledger's batch with the
        // COMMIT of the save's transaction were each a command of their own).
        var labelled = await CommandsOf(() => client.PostAsJsonAsync("/api/entry/expense", expense), HttpStatusCode.Created);
        Assert.Equal(3, labelled.Count);
        Assert.Contains("INSERT INTO entry_labels", labelled[2], StringComparison.Ordinal);
        Assert.Contains("UPDATE wallets", labelled[2], StringComparison.Ordinal);
        // A label named for the first time is created in the save's transaction: PostgreSQL's ledger batch then carries the
        // COMMIT, so the rows it locks are not held for another round trip (Ledger.CommitAsync).
        var newLabel = await CommandsOf(() => client.PostAsJsonAsync("/api/entry/expense", expense with { labels = new[] { "new-" + Guid.NewGuid().ToString("N") } }), HttpStatusCode.Created);
        Assert.Equal(postgres, newLabel[^1].Contains("\nCOMMIT;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_process_on_the_same_database_refuses_a_logged_out_token_within_seconds()
    {
        await using var other = app.WithWebHostBuilder(b => b.UseSetting("Auth:RevocationRefreshInterval", "00:00:01"));
        var user = await app.NewUserAsync();
        var there = other.CreateClient();
        there.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await there.GetAsync("/api/auth/check")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await user.Client().GetAsync("/api/auth/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client().GetAsync("/api/auth/check")).StatusCode); // here: at once
        var refused = false;
        for (var attempt = 0; attempt < 50 && !refused; attempt++)
        {
            refused = (await there.GetAsync("/api/auth/check")).StatusCode == HttpStatusCode.Unauthorized;
            if (!refused)
            {
                await Task.Delay(100);
            }
        }
        Assert.True(refused, "the other process still accepted the token 5 s after logout");
    }

    /// <summary>Counts the EF Core commands sent to one database (by connection string) while it is alive.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _connection;
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];

        public CommandCounter(string connection)
        {
            _connection = connection;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public List<string> Texts { get; } = [];

        /// <summary>The periodic reload of revoked sessions is not part of any request.</summary>
        public static bool IsRevocationReload(string sql) =>
            sql.Contains("DISTINCT", StringComparison.OrdinalIgnoreCase) && sql.Contains("openiddict_tokens", StringComparison.OrdinalIgnoreCase);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
                && data.Command.Connection?.ConnectionString is { } cs && Same(cs))
            {
                lock (Texts)
                {
                    Texts.Add(data.Command.CommandText);
                }
            }
        }

        // Providers may drop the password from the connection string they report: compare the database named.
        private bool Same(string cs) => cs == _connection || (Database(cs) is { } db && db == Database(_connection));

        private static string? Database(string cs) => cs.Split(';', StringSplitOptions.TrimEntries)
            .FirstOrDefault(p => p.StartsWith("Database=", StringComparison.OrdinalIgnoreCase) || p.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase));

        public List<string> Snapshot()
        {
            lock (Texts)
            {
                return [.. Texts];
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}

public sealed class SqliteRequestCostTests(SqliteClientApp app) : RequestCostTests(app), IClassFixture<SqliteClientApp>;

public sealed class PostgresRequestCostTests(PostgresClientApp app) : RequestCostTests(app), IClassFixture<PostgresClientApp>;
