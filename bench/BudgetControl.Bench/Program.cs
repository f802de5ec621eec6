using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetControl.Bench;
using Microsoft.Data.Sqlite;
using Npgsql;

// The benchmark: see bench/README.md. bench/run.sh builds the server and starts PostgreSQL, then runs this.
var options = Options.Parse(args);
var work = Directory.CreateTempSubdirectory("bc-bench-");
var measurements = new List<Measurement>();
var facts = new Dictionary<string, object?>();
var runClock = System.Diagnostics.Stopwatch.StartNew();
Console.WriteLine($"BudgetControl bench, mode {options.Mode}: {options.Entries:N0} entries in the measured workspace, {options.OtherWorkspaces} other workspaces x {options.OtherEntries:N0}");
try
{
    if (!options.SqliteOnly)
    {
        await PostgresAsync();
    }
    await SqliteAsync();
}
finally
{
    work.Delete(recursive: true);
}
// The harness's own wall time (seeding, every cell, baselines, starts; not the publish before it): --quick promises under 10 minutes.
facts["bench_minutes"] = Math.Round(runClock.Elapsed.TotalMinutes, 1);
var failed = Report.Write(options, measurements, facts);
return failed ? 1 : 0;

async Task PostgresAsync()
{
    var admin = new NpgsqlConnectionStringBuilder(options.PostgresAdmin);
    await using (var db = new NpgsqlConnection(admin.ConnectionString))
    {
        await db.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS bc_bench WITH (FORCE)", db);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE bc_bench", db);
        await create.ExecuteNonQueryAsync();
    }
    var connection = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = "bc_bench", MaxPoolSize = 100 }.ConnectionString;
    var settings = new Dictionary<string, string>
    {
        // The server's pool is the server's default (the bench's own connections above may use 100), or --server-pool N.
        ["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = "bc_bench" } is var served && options.ServerPool is { } pool
            ? new NpgsqlConnectionStringBuilder(served.ConnectionString) { MaxPoolSize = pool }.ConnectionString
            : served.ConnectionString,
        ["BudgetControl__DataDirectory"] = Path.Combine(work.FullName, "pg"),
    };
    foreach (var (key, value) in options.ServerEnvironment)
    {
        settings[key] = value;
    }
    if (options.Statements)
    {
        await Statements.EnableAsync(connection);
    }
    var stamp = System.Diagnostics.Stopwatch.StartNew();
    BenchWorkspace ws;
    await using (var server = await ServerProcess.StartAsync(options.ServerDll, settings))
    {
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        ws = await new Generator(anonymous, () => new NpgsqlConnection(connection), postgres: true, options.Seed)
            .SeedAsync(options.Entries, options.OtherWorkspaces, options.OtherEntries);
        facts["postgres_seed_seconds"] = Math.Round(stamp.Elapsed.TotalSeconds, 1);
        Console.WriteLine($"Seeded PostgreSQL in {stamp.Elapsed.TotalSeconds:F1} s");
        Stage("PostgreSQL seeded");
    }
    // A fresh process, so idle memory and the first requests are measured as a user would see them.
    // --gateway-h2: the measured server also speaks HTTP/2 with prior knowledge on a port (and a socket), for the h2 gateways.
    var http2Port = options.GatewayH2 ? ServerProcess.FreePort() : 0;
    var http2Socket = options.GatewayH2 && options.GatewayUds ? Path.Combine(work.FullName, "server-h2.sock") : null;
    var measuredSettings = new Dictionary<string, string>(settings);
    if (options.GatewayH2)
    {
        measuredSettings["Http2Urls"] = $"http://127.0.0.1:{http2Port}" + (http2Socket is null ? "" : $";http://unix:{http2Socket}");
    }
    await using (var server = await ServerProcess.StartAsync(options.ServerDll, measuredSettings,
        unixSocket: options.GatewayUds ? Path.Combine(work.FullName, "server.sock") : null))
    {
        await IdleMemoryAsync(server, "postgres");
        // The issuer is the server's URL: log in again on the new process.
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        var token = await BenchApi.LoginAsync(anonymous, "bench@example.com");
        var scenarios = await Scenarios.PostgresAsync(server.BaseAddress, token, ws, connection);
        double peakRss = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, server.RssMiB());
                await Task.Delay(200);
            }
        });
        var cpu = new CpuMeter(server.ProcessId, options.PostgresDataDirectory);
        foreach (var scenario in scenarios.Where(s => options.Runs(s.Name)))
        {
            foreach (var connections in scenario.Name == "login" ? options.Connections.Where(c => c <= 4) : options.Connections)
            {
                // --statements: PostgreSQL's own account of the 4-connection cell (before the pgbench baseline runs).
                var profiled = options.Statements && connections == 4;
                if (profiled)
                {
                    await Statements.ResetAsync(connection);
                }
                var m = await Driver.RunAsync(server.BaseAddress, token, ws.Uuid, scenario, connections, options.Seconds, "postgres", cpu);
                if (profiled)
                {
                    await Statements.PrintAsync(connection, scenario.Name, m.Sent);
                }
                if (scenario.BaselineSql is { } sql && options.Pgbench is { } pgbench
                    && await Baseline.PgbenchAsync(pgbench, connection, sql, connections, options.Seconds) is { } baseline)
                {
                    (m.BaselineP50Ms, m.BaselinePerSecond, m.BaselineKind) = (baseline.P50Ms, baseline.PerSecond, "sql");
                }
                measurements.Add(m);
                Console.WriteLine(Report.Line(m));
            }
            if (scenario.Name.StartsWith("entries", StringComparison.Ordinal))
            {
                facts["postgres_rss_while_listing_mib"] = Math.Round(peakRss, 1);
            }
        }
        await sampling.CancelAsync();
        await sampler;
        facts["postgres_peak_rss_mib"] = Math.Round(peakRss, 1);
        Stage("PostgreSQL scenarios done");
        await GatewayVersusDirectAsync(server, token, ws.Uuid, scenarios, settings, options.GatewayH2 ? $"http://127.0.0.1:{http2Port}" : null, http2Socket);
        Stage("gateway comparison done");
    }
    await UncachedStatsAsync(settings, ws);
    Stage("uncached statistics done");
    facts["postgres_balance_mismatches"] = await Checks.BalancesAsync(() => new NpgsqlConnection(connection), postgres: true);
    facts["postgres_counter_mismatches"] = await Checks.CountersAsync(() => new NpgsqlConnection(connection));
    foreach (var (table, mismatches) in await Checks.AggregatesAsync(() => new NpgsqlConnection(connection)))
    {
        facts[$"postgres_{table.Replace("entry_", "", StringComparison.Ordinal).TrimEnd('s')}_mismatches"] = mismatches;
    }
    await ColdStartAsync(settings, "postgres", ws.Uuid);
    Stage("PostgreSQL checks and cold starts done");
}

// Where a run's time goes (stderr, so the printed table stays as it was).
void Stage(string what) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {what} at {runClock.Elapsed.TotalMinutes:F1} min"));

// The statistics again on a server whose read cache is off (Cache:ReadLifetime 00:00:00): the measured server
// answers repeated statistics from its workspace-versioned cache, which hides what computing them costs.
async Task UncachedStatsAsync(Dictionary<string, string> settings, BenchWorkspace ws)
{
    var uncachedSettings = new Dictionary<string, string>(settings) { ["Cache__ReadLifetime"] = "00:00:00", ["Database__MigrateOnStart"] = "false" };
    await using var server = await ServerProcess.StartAsync(options.ServerDll, uncachedSettings);
    using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
    var token = await BenchApi.LoginAsync(anonymous, "bench@example.com");
    var cpu = new CpuMeter(server.ProcessId, options.PostgresDataDirectory);
    foreach (var scenario in Scenarios.Statistics(ws).Where(s => options.Runs(s.Name)))
    {
        foreach (var connections in options.Connections)
        {
            var m = await Driver.RunAsync(server.BaseAddress, token, ws.Uuid, scenario with { Name = "uncached: " + scenario.Name }, connections, options.Seconds, "postgres", cpu);
            measurements.Add(m);
            Console.WriteLine(Report.Line(m));
        }
    }
}

// The split topology's gateway (Modules=gateway, YARP) in front of this same process, against the process
// directly, measured back to back in the same run: what the extra hop costs (docs/performance.md, issue 14). The
// cheapest requests (reference data, a cached list: ~40 µs of the service's CPU) show the hop at its worst; a list
// page, a statistics call and a create show it on typical requests.
async Task GatewayVersusDirectAsync(ServerProcess server, string token, Guid workspace, List<Scenario> scenarios, Dictionary<string, string> settings,
    string? http2Address, string? http2Socket)
{
    string[] compared = ["currencies", "wallet list", "entries page 1", "stats expenses (month)", "create expense (20 wallets)"];
    var chosen = compared.Where(name => options.Runs(name) || options.Runs("via gateway: " + name))
        .Select(name => scenarios.Single(s => s.Name == name)).ToList();
    if (chosen.Count == 0)
    {
        return;
    }
    await using var gateway = await StartGatewayAsync(server.BaseAddress, server.BaseAddress.ToString().TrimEnd('/'), settings, token, workspace);
    // --gateway-uds: a second gateway that reaches the same server over its Unix socket, measured in the same cells.
    await using var udsGateway = server.UnixSocket is { } socket ? await StartGatewayAsync(server.BaseAddress, "unix:" + socket, settings, token, workspace) : null;
    // --gateway-h2: gateways that speak HTTP/2 with prior knowledge to the server (Gateway:Http2), over TCP and the socket.
    await using var h2Gateway = http2Address is null ? null : await StartGatewayAsync(server.BaseAddress, http2Address, settings, token, workspace, http2: true);
    await using var h2UdsGateway = http2Socket is null ? null : await StartGatewayAsync(server.BaseAddress, "unix:" + http2Socket, settings, token, workspace, http2: true);
    var serverCpu = new CpuMeter(server.ProcessId, options.PostgresDataDirectory);
    var gatewayCpu = new CpuMeter(gateway.ProcessId, postgresDataDirectory: null);
    var udsGatewayCpu = udsGateway is null ? null : new CpuMeter(udsGateway.ProcessId, postgresDataDirectory: null);
    var h2GatewayCpu = h2Gateway is null ? null : new CpuMeter(h2Gateway.ProcessId, postgresDataDirectory: null);
    var h2UdsGatewayCpu = h2UdsGateway is null ? null : new CpuMeter(h2UdsGateway.ProcessId, postgresDataDirectory: null);
    foreach (var scenario in chosen)
    {
        foreach (var connections in options.Connections)
        {
            // CPU per request of the service (and PostgreSQL) both ways, and of the gateway: what the hop costs on shared cores.
            var direct = await Driver.RunAsync(server.BaseAddress, token, workspace, scenario, connections, options.Seconds, "postgres", serverCpu);
            facts[$"direct_cpu_us {scenario.Name} x{connections}"] = direct.ServerCpuUs;
            await ViaAsync(gateway, gatewayCpu, "via gateway: ", "gateway");
            if (udsGateway is not null)
            {
                await ViaAsync(udsGateway, udsGatewayCpu!, "via gateway (uds): ", "gateway_uds");
            }
            if (h2Gateway is not null)
            {
                await ViaAsync(h2Gateway, h2GatewayCpu!, "via gateway (h2): ", "gateway_h2");
            }
            if (h2UdsGateway is not null)
            {
                await ViaAsync(h2UdsGateway, h2UdsGatewayCpu!, "via gateway (h2 uds): ", "gateway_h2_uds");
            }

            async Task ViaAsync(ServerProcess through, CpuMeter throughCpu, string prefix, string fact)
            {
                var via = await Driver.RunAsync(through.BaseAddress, token, workspace, scenario with { Name = prefix + scenario.Name }, connections, options.Seconds, "postgres", serverCpu, throughCpu);
                (via.BaselineP50Ms, via.BaselinePerSecond, via.BaselineKind) = (direct.P50Ms, direct.PerSecond, "direct");
                measurements.Add(via);
                Console.WriteLine(Report.Line(via));
                facts[$"{fact}_added_p50_ms {scenario.Name} x{connections}"] = Math.Round(via.P50Ms - direct.P50Ms, 3);
                facts[$"{fact}_throughput_ratio {scenario.Name} x{connections}"] = Math.Round(via.PerSecond / direct.PerSecond, 2);
                facts[$"{fact}_cpu_us {scenario.Name} x{connections}"] = via.GatewayCpuUs;
            }
        }
    }
}

// A gateway process in front of the measured server (its token authority), whose every service is DESTINATION (a URL or
// unix:/path), warmed up (JIT, connection pool,
// discovery document) before anything is measured.
async Task<ServerProcess> StartGatewayAsync(Uri authority, string destination, Dictionary<string, string> settings, string token, Guid workspace, bool http2 = false)
{
    string[] services = ["workspace", "authentication", "stats", "budget", "entries", "wallets", "labels", "searchengine", "debt", "savings", "goals", "jobs"];
    var gatewaySettings = new Dictionary<string, string>(settings)
    {
        ["Modules"] = "gateway",
        ["Database__MigrateOnStart"] = "false",
        ["Auth__Authority"] = authority.ToString(),
        ["Gateway__PermitsPerUserPerMinute"] = "0",
        ["Gateway__Http2"] = http2 ? "true" : "false",
    };
    foreach (var service in services)
    {
        gatewaySettings[$"Gateway__Services__{service}"] = destination;
    }
    foreach (var (key, value) in options.GatewayEnvironment)
    {
        gatewaySettings[key] = value;
    }
    var gateway = await ServerProcess.StartAsync(options.ServerDll, gatewaySettings);
    using var warm = new HttpClient { BaseAddress = gateway.BaseAddress };
    warm.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    warm.DefaultRequestHeaders.Add("X-WS", workspace.ToString());
    for (var i = 0; i < 200; i++)
    {
        using var response = await warm.GetAsync(i % 2 == 0 ? "/api/currencies" : "/api/wallet/list");
    }
    return gateway;
}

async Task SqliteAsync()
{
    var folder = Path.Combine(work.FullName, "sqlite");
    var settings = new Dictionary<string, string>(options.ServerEnvironment) { ["BudgetControl__DataDirectory"] = folder };
    var file = Path.Combine(folder, "budgetcontrol.db");
    BenchWorkspace ws;
    await using (var server = await ServerProcess.StartAsync(options.ServerDll, settings))
    {
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        ws = await new Generator(anonymous, () => new SqliteConnection($"Data Source={file}"), postgres: false, options.Seed)
            .SeedAsync(options.SqliteEntries, 3, Math.Min(1000, options.OtherEntries));
    }
    Stage("SQLite seeded");
    await using (var server = await ServerProcess.StartAsync(options.ServerDll, settings))
    {
        await IdleMemoryAsync(server, "sqlite");
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        var token = await BenchApi.LoginAsync(anonymous, "bench@example.com");
        var cpu = new CpuMeter(server.ProcessId, postgresDataDirectory: null);
        foreach (var scenario in Scenarios.Sqlite(ws).Where(s => options.Runs(s.Name)))
        {
            foreach (var connections in options.Connections)
            {
                var m = await Driver.RunAsync(server.BaseAddress, token, ws.Uuid, scenario, connections, options.Seconds, "sqlite", cpu);
                measurements.Add(m);
                Console.WriteLine(Report.Line(m));
            }
        }
    }
    facts["sqlite_balance_mismatches"] = await Checks.BalancesAsync(() => new SqliteConnection($"Data Source={file}"), postgres: false);
    await ColdStartAsync(settings, "sqlite", ws.Uuid);
}

// Idle memory as before (1 s after the first served /health), then once the start-up work behind it (the model warm-up,
// the scheduler's first runs, tiered compilation) has settled, with what the resident set is made of.
async Task IdleMemoryAsync(ServerProcess server, string database)
{
    await Task.Delay(1000);
    facts[$"{database}_idle_rss_mib"] = Math.Round(server.RssMiB(), 1);
    await Task.Delay(options.Mode == "smoke" ? 1000 : 9000);
    facts[$"{database}_idle_rss_settled_mib"] = Math.Round(server.RssMiB(), 1);
    facts[$"{database}_idle_rss_breakdown_mib"] = server.RssBreakdown();
}

// Cold start with an existing database, median of 3: wall time and CPU time to the first served /health, and wall time to
// the first answered authenticated API call (GET /api/wallet/list, sent right after /health answers), which also pays for
// what start-up leaves to the first request (routing table, token validation, the database model). The processes
// listen on one port, so that a token issued by the first one is valid for the others (the issuer is the URL).
async Task ColdStartAsync(Dictionary<string, string> settings, string database, Guid workspace)
{
    int port;
    string token;
    await using (var first = await ServerProcess.StartAsync(options.ServerDll, settings))
    {
        port = first.BaseAddress.Port;
        using var anonymous = new HttpClient { BaseAddress = first.BaseAddress };
        token = await BenchApi.LoginAsync(anonymous, "bench@example.com");
    }
    var health = new List<double>();
    var cpu = new List<double>();
    var api = new List<double>();
    for (var i = 0; i < 3; i++)
    {
        await using var server = await ServerProcess.StartAsync(options.ServerDll, settings, port);
        using var http = BenchApi.Authorized(server.BaseAddress, token, workspace);
        using var response = await http.GetAsync("/api/wallet/list");
        var answered = server.Elapsed();
        response.EnsureSuccessStatusCode();
        health.Add(server.StartTime.TotalMilliseconds);
        cpu.Add(server.StartCpu.TotalMilliseconds);
        api.Add(answered.TotalMilliseconds);
    }
    static double Median(List<double> values) => Math.Round(values.Order().ElementAt(values.Count / 2), 0);
    facts[$"{database}_cold_start_ms"] = Median(health);
    facts[$"{database}_cold_start_cpu_ms"] = Median(cpu);
    facts[$"{database}_cold_start_first_api_ms"] = Median(api);
}

namespace BudgetControl.Bench
{
    /// <summary>The measured requests, with the SQL behind each read as its database baseline.</summary>
    internal static class Scenarios
    {
        public static async Task<List<Scenario>> PostgresAsync(Uri baseAddress, string token, BenchWorkspace ws, string connection)
        {
            using var http = BenchApi.Authorized(baseAddress, token, ws.Uuid);
            var wallet = ws.Wallets[0];
            var first = await BenchApi.GetAsync(http, "/api/entry?per_page=30&page=1&filters[planned]=0");
            var total = (long)first["total"]!;
            var middlePage = Math.Max(1, total / 30 / 2);
            var (midAt, midId) = await MidAsync(connection, ws.MidEntry);
            var cursor = new BudgetControl.Hosting.Api.Keyset(midAt, midId).Encode();
            var walletId = await WalletIdAsync(connection, wallet);
            var month = DateTime.UtcNow.AddYears(-5);
            var from = new DateTime(month.Year, month.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = new DateTime(month.Year, month.Month, 1).AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var pool = await UuidsAsync(connection, ws.Id, 200_000);
            var poolIndex = 0;
            var w = ws.Id;
            var listSql = $$"""
                SELECT e.*, w.uuid, w.name, c.label FROM entries e LEFT JOIN wallets w ON w.id = e.wallet_id LEFT JOIN currencies c ON c.id = e.currency_id
                  LEFT JOIN payees p ON p.id = e.payee_id LEFT JOIN goals g ON g.id = e.goal_id
                  WHERE e.workspace_id = {{w}} AND e.deleted_at IS NULL AND NOT e.planned {0} ORDER BY e.date_time DESC, e.id DESC {1};
                SELECT l.* FROM entry_labels el JOIN labels l ON l.id = el.label_id WHERE el.entry_id IN
                  (SELECT e.id FROM entries e WHERE e.workspace_id = {{w}} AND e.deleted_at IS NULL AND NOT e.planned {0} ORDER BY e.date_time DESC, e.id DESC {1});
                SELECT SUM(count) FROM entry_counts WHERE workspace_id = {{w}} AND planned = false
                """;
            string List(string where, string limit) => string.Format(CultureInfo.InvariantCulture, listSql, where, limit);
            object Expense(string walletUuid) => new { amount = -12.34m, date_time = "2026-11-25 12:30", account_id = walletUuid, category_id = 12, note = "bench" };
            foreach (var budget in BenchBudgets.All(DateTime.UtcNow))
            {
                await BenchApi.PostAsync(http, "/api/budget/create", budget.Body(ws));
            }
            return
            [
                new("noop (/alive)", _ => Driver.Get("/alive"), Anonymous: true),
                new("health", _ => Driver.Get("/health"), "SELECT 1", Anonymous: true),
                new("login", _ => Driver.Json(HttpMethod.Post, "/api/auth/authenticate", new { email = "bench@example.com", password = BenchApi.Password }), Anonymous: true),
                new("user-info", _ => Driver.Get("/api/auth/user-info"),
                    $"SELECT w.* FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id WHERE m.user_id = (SELECT id FROM users WHERE normalized_email = 'BENCH@EXAMPLE.COM')"),
                new("currencies", _ => Driver.Get("/api/currencies"), "SELECT * FROM currencies ORDER BY id"),
                new("wallet list", _ => Driver.Get("/api/wallet/list"), $"SELECT * FROM wallets WHERE workspace_id = {w} AND deleted_at IS NULL ORDER BY sorting, id"),
                new("goals", _ => Driver.Get("/api/goals"), $"SELECT * FROM goals WHERE workspace_id = {w} AND deleted_at IS NULL ORDER BY id LIMIT 50"),
                new("payees", _ => Driver.Get("/api/payees"), $"SELECT * FROM payees WHERE workspace_id = {w} AND deleted_at IS NULL ORDER BY name LIMIT 50"),
                new("entries page 1", _ => Driver.Get("/api/entry?per_page=30&page=1&filters[planned]=0"), List("", "LIMIT 31")),
                new("entries deep page (offset)", _ => Driver.Get($"/api/entry?per_page=30&page={middlePage}&filters[planned]=0"), List("", $"LIMIT 31 OFFSET {(middlePage - 1) * 30}")),
                new("entries deep page (cursor)", _ => Driver.Get($"/api/entry?per_page=30&filters[planned]=0&cursor={cursor}"),
                    List($"AND (e.date_time, e.id) < ('{midAt:yyyy-MM-dd HH:mm:ss.ffffff}+00', {midId})", "LIMIT 31")),
                new("entries client filters", _ => Driver.Get($"/api/entry?per_page=30&page=1&filters[planned]=0&filters[type]=expenses&filters[account_id]={wallet}"),
                    List($"AND e.type = 'expenses' AND e.wallet_id = {walletId}", "LIMIT 31")),
                new("entries date range", _ => Driver.Get($"/api/entry?per_page=30&filters[planned]=0&date_from={from}&date_to={to}"),
                    List($"AND e.date_time >= '{from}' AND e.date_time < '{to}'::date + 1", "LIMIT 31")),
                new("entry show", _ => Driver.Get($"/api/entry/{ws.SampleEntry}"),
                    $"SELECT e.*, w.uuid FROM entries e LEFT JOIN wallets w ON w.id = e.wallet_id WHERE e.uuid = '{ws.SampleEntry}' AND e.workspace_id = {w}"),
                .. Statistics(ws),
                // The first rank tier's statement (every word whole: the note's words or the sub-category "Groceries", id 3),
                // read as the search reads it: newest first, the page and two pages ahead.
                new("search common word", _ => Driver.Json(HttpMethod.Post, "/api/find", new { text = "groceries" }),
                    $"SELECT id, date_time FROM entries WHERE workspace_id = {w} AND deleted_at IS NULL AND NOT planned AND (to_tsvector('simple', coalesce(note, '')) @@ plainto_tsquery('simple', 'groceries') OR category_id = 3) ORDER BY date_time DESC, id DESC LIMIT 91"),
                new("search rare word", _ => Driver.Json(HttpMethod.Post, "/api/find", new { text = "quokka" }),
                    $"SELECT id FROM entries WHERE workspace_id = {w} AND deleted_at IS NULL AND NOT planned AND to_tsvector('simple', coalesce(note, '')) @@ plainto_tsquery('simple', 'quokka') ORDER BY date_time DESC, id DESC LIMIT 31"),
                new("search part of a word + filter", _ => Driver.Json(HttpMethod.Post, "/api/find", new { text = "pharm", type = new[] { "expenses" } })),
                new("create expense (1 wallet)", _ => Driver.Json(HttpMethod.Post, "/api/entry/expense", Expense(wallet.ToString()))),
                new("create expense (20 wallets)", n => Driver.Json(HttpMethod.Post, "/api/entry/expense", Expense(ws.Wallets[n % ws.Wallets.Length].ToString()))),
                // Over 20 wallets too, each with a payee and two labels (by uuid, as the clients send them).
                new("create expense (labels)", n => Driver.Json(HttpMethod.Post, "/api/entry/expense", new
                {
                    amount = -12.34m, date_time = "2026-11-25 12:30", account_id = ws.Wallets[n % ws.Wallets.Length].ToString(), category_id = 12, note = "bench",
                    payee_id = ws.Payees[n % ws.Payees.Length].ToString(),
                    labels = new[] { ws.Labels[n % ws.Labels.Length].ToString(), ws.Labels[(n + 7) % ws.Labels.Length].ToString() },
                })),
                new("create transfer", n => Driver.Json(HttpMethod.Post, "/api/entry/transfer",
                    new { amount = 5m, date_time = "2026-11-25 12:30", account_id = ws.Wallets[n % 16].ToString(), transfer_id = ws.Wallets[(n + 1) % 16].ToString() })),
                new("update expense", n => Driver.Json(HttpMethod.Put, $"/api/entry/expense/{pool[n % 1000]}", new { amount = -(n % 500 + 1) / 10m, date_time = "2024-05-01 10:00", account_id = wallet.ToString() })),
                // Deletes walk the pool; once it is used up the next pass restores what the last one deleted, and so on
                // (a small data set has fewer entries than a fast server deletes in one cell).
                new("delete entry", _ =>
                {
                    var n = Interlocked.Increment(ref poolIndex) - 1;
                    var uuid = pool[1000 + n % (pool.Length - 1000)];
                    return n / (pool.Length - 1000) % 2 == 0
                        ? new HttpRequestMessage(HttpMethod.Delete, $"/api/entry/{uuid}")
                        : new HttpRequestMessage(HttpMethod.Patch, $"/api/entry/{uuid}/restore");
                }),
            ];
        }

        /// <summary>
        /// The statistics the dashboard and the budget page call: this month, a year chart of twelve month ranges,
        /// the budgets (baselines: the SQL over the aggregates that answers them, one statement each).
        /// </summary>
        public static List<Scenario> Statistics(BenchWorkspace ws)
        {
            var w = ws.Id;
            // Statistics: this month, and a year chart of twelve month ranges (the dashboard's calls).
            var today = DateTime.UtcNow;
            var monthStart = new DateTime(today.Year, today.Month, 1);
            var monthQuery = $"start_date={monthStart:yyyy-M-d}&end_date={monthStart.AddMonths(1).AddDays(-1):yyyy-M-d}";
            var rangeQuery = $"date_time[0][start]={monthStart:yyyy-MM-dd}&date_time[0][end]={monthStart.AddMonths(1).AddDays(-1):yyyy-MM-dd}";
            var yearQuery = string.Join('&', Enumerable.Range(1, 12).Select(m => new DateTime(today.Year, m, 1))
                .Select((d, i) => $"date_time[{i}][start]={d:yyyy-MM-dd}&date_time[{i}][end]={d.AddMonths(1).AddDays(-1):yyyy-MM-dd}"));
            // What the server sends for one range of whole months: the month rows (EntryTotals).
            string MonthTotals(DateTime from, DateTime to) => string.Create(CultureInfo.InvariantCulture, $"""
                SELECT type, SUM(total) FROM entry_month_totals WHERE workspace_id = {w} AND month BETWEEN '{from:yyyy-MM-dd}' AND '{to:yyyy-MM-dd}'
                  AND wallet_id NOT IN (SELECT id FROM wallets WHERE workspace_id = {w} AND exclude_from_stats)
                  AND category_id NOT IN (SELECT id FROM sub_categories WHERE exclude_from_stats) GROUP BY type
                """);
            var yearSql = string.Join("\nUNION ALL\n", Enumerable.Range(1, 12).Select(m => MonthTotals(new DateTime(today.Year, m, 1), new DateTime(today.Year, m, 1))));
            return
            [
                new("stats expenses (month)", _ => Driver.Get($"/api/stats/expenses?{monthQuery}"), MonthTotals(monthStart.AddMonths(-1), monthStart.AddMonths(-1)) + "\nUNION ALL\n" + MonthTotals(monthStart, monthStart)),
                new("stats total (wallets)", _ => Driver.Get("/api/stats/total"), $"SELECT * FROM wallets WHERE workspace_id = {w} AND deleted_at IS NULL ORDER BY sorting, id"),
                new("stats health", _ => Driver.Get("/api/stats/health")),
                new("stats line chart (year)", _ => Driver.Get($"/api/stats/chart/line/incoming-expenses?{yearQuery}"), yearSql),
                new("stats bar by category (month)", _ => Driver.Get($"/api/stats/chart/bar/expenses/category?{rangeQuery}")),
                new("stats table by category (month)", _ => Driver.Get($"/api/stats/chart/table/expenses/category?{rangeQuery}")),
                new("stats bar by label (month)", _ => Driver.Get($"/api/stats/chart/bar/expenses/label?{rangeQuery}")),
                new("budgets stats (20 budgets)", _ => Driver.Get("/api/budgets/stats"), BenchBudgets.Sql(ws, BenchBudgets.All(today))),
            ];
        }

        public static List<Scenario> Sqlite(BenchWorkspace ws)
        {
            object Expense(Guid walletUuid) => new { amount = -12.34m, date_time = "2026-11-25 12:30", account_id = walletUuid.ToString(), category_id = 12 };
            return
            [
                new("noop (/alive)", _ => Driver.Get("/alive"), Anonymous: true),
                new("health", _ => Driver.Get("/health"), Anonymous: true),
                new("entries page 1", _ => Driver.Get("/api/entry?per_page=30&page=1&filters[planned]=0")),
                new("search common word", _ => Driver.Json(HttpMethod.Post, "/api/find", new { text = "groceries" })),
                new("search rare word", _ => Driver.Json(HttpMethod.Post, "/api/find", new { text = "quokka" })),
                new("create expense (1 wallet)", _ => Driver.Json(HttpMethod.Post, "/api/entry/expense", Expense(ws.Wallets[0]))),
                new("create expense (20 wallets)", n => Driver.Json(HttpMethod.Post, "/api/entry/expense", Expense(ws.Wallets[n % ws.Wallets.Length]))),
            ];
        }

        private static async Task<int> WalletIdAsync(string connection, Guid uuid)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id FROM wallets WHERE uuid = @u", db);
            command.Parameters.AddWithValue("u", uuid);
            return (int)(await command.ExecuteScalarAsync())!;
        }

        private static async Task<(DateTime At, int Id)> MidAsync(string connection, Guid uuid)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT date_time, id FROM entries WHERE uuid = @u", db);
            command.Parameters.AddWithValue("u", uuid);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetInt32(1));
        }

        private static async Task<Guid[]> UuidsAsync(string connection, int workspaceId, int limit)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT uuid FROM entries WHERE workspace_id = {workspaceId} AND type = 'expenses' AND deleted_at IS NULL ORDER BY id LIMIT {limit}", db);
            await using var reader = await command.ExecuteReaderAsync();
            var list = new List<Guid>();
            while (await reader.ReadAsync())
            {
                list.Add(reader.GetGuid(0));
            }
            return [.. list];
        }
    }

    /// <summary>
    /// <c>--statements</c> (bench/run.sh starts PostgreSQL with pg_stat_statements and track_planning): per
    /// scenario, the statements PostgreSQL ran per request, with their mean planning and execution times and the
    /// buffers they touched, from <c>pg_stat_statements</c> reset before the 4-connection cell.
    /// </summary>
    internal static class Statements
    {
        public static async Task EnableAsync(string connection) => await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");

        public static async Task ResetAsync(string connection) => await ExecuteAsync(connection, "SELECT pg_stat_statements_reset()");

        public static async Task PrintAsync(string connection, string scenario, int requests)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT calls, plans, total_plan_time, total_exec_time, rows, shared_blks_hit + shared_blks_read, regexp_replace(query, '\s+', ' ', 'g')
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
                ORDER BY total_plan_time + total_exec_time DESC LIMIT 12
                """, db);
            await using var reader = await command.ExecuteReaderAsync();
            var per = Math.Max(1, requests);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    statements of {scenario} x4 ({requests} requests): calls/req, plans/req, plan µs/req, exec µs/req, rows/call, buffers/call, query"));
            while (await reader.ReadAsync())
            {
                var calls = reader.GetInt64(0);
                var query = reader.GetString(6);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {(double)calls / per,6:F2} {(double)reader.GetInt64(1) / per,6:F2} {reader.GetDouble(2) * 1000 / per,8:F1} {reader.GetDouble(3) * 1000 / per,8:F1} {(double)reader.GetInt64(4) / Math.Max(1, calls),8:F1} {(double)reader.GetInt64(5) / Math.Max(1, calls),8:F1}  {(query.Length > 150 ? query[..150] + "..." : query)}"));
            }
        }

        private static async Task ExecuteAsync(string connection, string sql)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand(sql, db);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>After the write runs: every balance equals its entries, every counter a fresh count.</summary>
    internal static class Checks
    {
        public static async Task<long> BalancesAsync(Func<DbConnection> connect, bool postgres)
        {
            var counted = postgres ? "e.confirmed AND NOT e.planned" : "e.confirmed = 1 AND e.planned = 0";
            return await ScalarAsync(connect, $"""
                SELECT COUNT(*) FROM wallets w WHERE w.balance <> w.opening_balance + COALESCE((SELECT SUM(CASE WHEN e.type = 'saving' THEN -e.wallet_amount ELSE e.wallet_amount END)
                    FROM entries e WHERE e.wallet_id = w.id AND e.deleted_at IS NULL AND {counted}), 0)
                """);
        }

        public static Task<long> CountersAsync(Func<DbConnection> connect) => ScalarAsync(connect, """
            SELECT COUNT(*) FROM (SELECT workspace_id, COALESCE(wallet_id, 0) AS wallet_id, type, planned, COUNT(*) AS n FROM entries WHERE deleted_at IS NULL
              GROUP BY workspace_id, COALESCE(wallet_id, 0), type, planned) f
            FULL JOIN entry_counts c ON c.workspace_id = f.workspace_id AND c.wallet_id = f.wallet_id AND c.type = f.type AND c.planned = f.planned
            WHERE COALESCE(f.n, 0) <> COALESCE(c.count, 0)
            """);

        /// <summary>
        /// Every aggregate row (per day, month, year, label and day, label and month) equals a fresh sum of its counted
        /// entries; rows left at zero equal no row, and rows of deleted labels are not read, so not compared.
        /// </summary>
        public static async Task<List<(string Table, long Mismatches)>> AggregatesAsync(Func<DbConnection> connect)
        {
            var result = new List<(string, long)>();
            foreach (var (table, fresh) in BudgetControl.Data.EntryDayTotals.FreshSelects(postgres: true))
            {
                var labels = table.Contains("label", StringComparison.Ordinal);
                var period = table.Contains("year", StringComparison.Ordinal) ? "year" : table.Contains("month", StringComparison.Ordinal) ? "month" : "day";
                var columns = labels
                    ? $"workspace_id, label_id, {period}, wallet_id, category_id, type, total, count"
                    : $"workspace_id, {period}, wallet_id, category_id, type, total, count";
                var stored = $"SELECT {columns} FROM {table} WHERE (count <> 0 OR total <> 0)"
                    + (labels ? " AND label_id IN (SELECT id FROM labels WHERE deleted_at IS NULL)" : "");
                result.Add((table, await ScalarAsync(connect, $"""
                    SELECT COUNT(*) FROM (
                      ({stored} EXCEPT SELECT * FROM ({fresh}) f)
                      UNION ALL
                      (SELECT * FROM ({fresh}) f EXCEPT {stored})) d
                    """)));
            }
            return result;
        }

        private static async Task<long> ScalarAsync(Func<DbConnection> connect, string sql)
        {
            await using var db = connect();
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The table on the console, the JSON results file and the table in docs/performance.md.</summary>
    internal static class Report
    {
        // A cell that measured nothing (a very short smoke run) has NaN percentiles: write them, do not fail.
        private static readonly JsonSerializerOptions Json = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };

        public static string Line(Measurement m) =>
            string.Create(CultureInfo.InvariantCulture,
                $"  {m.Database,-8} {m.Scenario,-30} x{m.Connections,-3} p50 {m.P50Ms,8:F2} ms  p99 {m.P99Ms,8:F2} ms  {m.PerSecond,9:F0}/s  cpu {m.ServerCpuUs,6:F0}+{m.DatabaseCpuUs,5:F0}{(m.GatewayCpuUs is { } g ? $" (+gw {g:F0})" : "")} µs  errors {m.Errors}{Ratio(m)}");

        private static string Ratio(Measurement m) => m.BaselineP50Ms is { } b && b > 0
            ? string.Create(CultureInfo.InvariantCulture, $"  ({m.BaselineKind ?? "sql"} p50 {b:F2} ms, {m.P50Ms / b:F1}x)")
            : "";

        public static bool Write(Options options, List<Measurement> measurements, Dictionary<string, object?> facts)
        {
            var noop = measurements.Where(m => m.Scenario.StartsWith("noop", StringComparison.Ordinal)).ToDictionary(m => (m.Database, m.Connections));
            Console.WriteLine();
            Console.WriteLine("| database | endpoint | conns | p50 ms | p99 ms | req/s | errors | SQL p50 ms | x SQL | x no-op req/s | server CPU µs/req | db CPU µs/req |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var m in measurements)
            {
                var n = noop.TryGetValue((m.Database, m.Connections), out var baseline) ? m.PerSecond / baseline.PerSecond : double.NaN;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {m.Database} | {m.Scenario} | {m.Connections} | {m.P50Ms:F2} | {m.P99Ms:F2} | {m.PerSecond:F0} | {m.Errors} | {(m.BaselineP50Ms is { } b ? b.ToString("F2", CultureInfo.InvariantCulture) : "")} | {(m.BaselineP50Ms is { } c && c > 0 ? (m.P50Ms / c).ToString("F1", CultureInfo.InvariantCulture) : "")} | {n:F2} | {m.ServerCpuUs:F0} | {m.DatabaseCpuUs:F0} |"));
            }
            Console.WriteLine();
            foreach (var (key, value) in facts)
            {
                Console.WriteLine($"{key}: {value}");
            }
            var commit = Environment.GetEnvironmentVariable("BENCH_COMMIT") ?? "unknown";
            var result = new JsonObject
            {
                ["mode"] = options.Mode,
                ["commit"] = commit,
                ["date"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["machine"] = Machine(),
                ["entries"] = options.Entries,
                ["other_workspaces"] = options.OtherWorkspaces,
                ["other_entries"] = options.OtherEntries,
                ["seconds_per_cell"] = options.Seconds,
                ["only"] = JsonSerializer.SerializeToNode(options.Only, Json),
                ["server_env"] = JsonSerializer.SerializeToNode(options.ServerEnvironment, Json),
                ["gateway_env"] = JsonSerializer.SerializeToNode(options.GatewayEnvironment, Json),
                ["gateway_uds"] = options.GatewayUds,
                ["gateway_h2"] = options.GatewayH2,
                ["server_pool"] = options.ServerPool,
                ["facts"] = JsonSerializer.SerializeToNode(facts, Json),
                ["measurements"] = JsonSerializer.SerializeToNode(measurements, Json),
            };
            Directory.CreateDirectory(options.ResultsDirectory);
            // A run of some scenarios (--only) or with changed settings is named apart, so it never overwrites the commit's real run.
            var kind = options.Only.Length > 0 || options.ServerEnvironment.Count > 0 || options.GatewayEnvironment.Count > 0 || options.ServerPool is not null ? "-partial-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture) : "";
            var file = Path.Combine(options.ResultsDirectory, $"{DateTime.UtcNow:yyyy-MM-dd}-{commit}-{options.Mode}{kind}.json");
            File.WriteAllText(file, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"results: {file}");
            var errors = measurements.Sum(m => m.Errors);
            var mismatches = facts.Where(f => f.Key.EndsWith("mismatches", StringComparison.Ordinal)).Sum(f => Convert.ToInt64(f.Value, CultureInfo.InvariantCulture));
            if (mismatches > 0)
            {
                Console.Error.WriteLine($"FAILED: {mismatches} balances or counters differ from the entries.");
            }
            if (errors > 0)
            {
                Console.Error.WriteLine($"FAILED: {errors} requests answered an error.");
            }
            return mismatches > 0 || errors > 0;
        }

        private static JsonObject Machine()
        {
            string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
            var cpu = Read("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            var memory = Read("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            var os = Read("/etc/os-release").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"');
            return new JsonObject
            {
                ["cores"] = Environment.ProcessorCount,
                ["cpu"] = cpu,
                ["memory"] = memory,
                ["os"] = os,
                ["dotnet"] = Environment.Version.ToString(),
            };
        }
    }
}
