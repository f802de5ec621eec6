using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace BudgetControl.Bench;

/// <summary>The main workspace the endpoints are measured on, with the ids the scenarios need.</summary>
internal sealed record BenchWorkspace(Guid Uuid, int Id, string Token, Guid[] Wallets, Guid[] Labels, Guid[] Goals, Guid[] Payees, Guid SampleEntry, Guid MidEntry)
{
    /// <summary>Internal ids of <see cref="Wallets"/> and <see cref="Labels"/> (same order), for the baselines' SQL.</summary>
    public int[] WalletIds { get; init; } = [];

    public int[] LabelIds { get; init; } = [];
}

/// <summary>
/// A deterministic data set (seeded): one workspace with the requested number of entries over ten years
/// (20 wallets, 200 labels, 50 payees, 5 goals; recurring bills and salary, transfers, debits, savings,
/// some entries in USD), and many other workspaces with a thousand entries each, so the tenant filter
/// has rows to skip. Small objects go through the API; entries go straight into the tables through the
/// fastest correct path (binary COPY on PostgreSQL, one transaction of prepared inserts on SQLite), and
/// then balances and counters are computed from them with SQL.
/// </summary>
internal sealed class Generator(HttpClient anonymous, Func<DbConnection> connect, bool postgres, int seed)
{
    private static readonly string[] Words =
    [
        "groceries", "supermarket", "coffee", "fuel", "pharmacy", "rent", "electricity", "internet", "phone", "cinema",
        "restaurant", "pizza", "train", "bus", "taxi", "books", "gym", "insurance", "doctor", "gift", "shoes", "jacket",
        "hardware", "garden", "vet", "school", "parking", "toll", "museum", "concert", "bakery", "butcher", "market",
    ];

    private static readonly string[] RareWords = ["zanzibar", "quokka", "xylophone", "yurt", "marzipan"];

    private readonly Random _random = new(seed);
    private long _nextId;

    public async Task<BenchWorkspace> SeedAsync(int entries, int otherWorkspaces, int otherEntries)
    {
        var token = await BenchApi.UserAsync(anonymous, connect, "bench@example.com");
        using var http = BenchApi.Authorized(anonymous.BaseAddress!, token, null);
        var created = await BenchApi.PostAsync(http, "/api/workspace/create", new { workspace = new { name = "Bench", currency = "EUR" } });
        var workspaceUuid = Guid.Parse((string)created["workspace"]!["uuid"]!);
        using var ws = BenchApi.Authorized(anonymous.BaseAddress!, token, workspaceUuid);
        var walletTypes = new[] { "bank", "cache", "investment", "other", "prepaid-card" };
        for (var i = 1; i < 20; i++)
        {
            await BenchApi.PostAsync(ws, "/api/wallet/create", new { name = $"Wallet {i}", type = walletTypes[i % walletTypes.Length], currency = i >= 16 ? "USD" : "EUR", balance = 1000 });
        }
        var rate = await ws.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.92m });
        await BenchApi.Ensure(rate);
        for (var i = 0; i < 200; i++)
        {
            await BenchApi.PostAsync(ws, "/api/label", new { name = $"label-{i}", color = "#3366ff" });
        }
        for (var i = 0; i < 50; i++)
        {
            await BenchApi.PostAsync(ws, "/api/payees", new { name = $"Payee {i}" });
        }
        for (var i = 0; i < 5; i++)
        {
            await BenchApi.PostAsync(ws, "/api/goals/create", new { name = $"Goal {i}", amount = 10000 });
        }

        // Other tenants: one user owning many workspaces, each with its default wallet.
        var otherToken = await BenchApi.UserAsync(anonymous, connect, "tenants@example.com");
        using (var other = BenchApi.Authorized(anonymous.BaseAddress!, otherToken, null))
        {
            for (var i = 0; i < otherWorkspaces; i++)
            {
                await BenchApi.PostAsync(other, "/api/workspace/create", new { workspace = new { name = $"Tenant {i}", currency = "EUR" } });
            }
        }

        await using var db = connect();
        await db.OpenAsync();
        var workspaceId = Convert.ToInt32(await ScalarAsync(db, "SELECT id FROM workspaces WHERE uuid = @u", ("u", postgres ? workspaceUuid : workspaceUuid.ToString().ToUpperInvariant())), System.Globalization.CultureInfo.InvariantCulture);
        var wallets = await RowsAsync(db, $"SELECT id, currency_id, uuid FROM wallets WHERE workspace_id = {workspaceId} ORDER BY id", r => (Id: r.GetInt32(0), Currency: r.GetInt32(1), Uuid: r.GetGuid(2)));
        var labels = await RowsAsync(db, $"SELECT id, uuid FROM labels WHERE workspace_id = {workspaceId} ORDER BY id", r => (Id: r.GetInt32(0), Uuid: r.GetGuid(1)));
        var payees = await RowsAsync(db, $"SELECT id, uuid FROM payees WHERE workspace_id = {workspaceId} ORDER BY id", r => (Id: r.GetInt32(0), Uuid: r.GetGuid(1)));
        var goals = await RowsAsync(db, $"SELECT id, uuid FROM goals WHERE workspace_id = {workspaceId} ORDER BY id", r => (Id: r.GetInt32(0), Uuid: r.GetGuid(1)));
        var categories = await RowsAsync(db, "SELECT s.id, c.type FROM sub_categories s JOIN categories c ON c.id = s.category_id", r => (Id: r.GetInt32(0), Type: r.GetString(1)));
        var expenseCategories = categories.Where(c => c.Type == "expenses" && c.Id != 55 && c.Id != 75).Select(c => c.Id).ToArray();
        var incomeCategories = categories.Where(c => c.Type == "incoming").Select(c => c.Id).ToArray();
        var tenantWallets = await RowsAsync(db,
            $"SELECT w.workspace_id, w.id FROM wallets w JOIN workspaces x ON x.id = w.workspace_id WHERE w.workspace_id <> {workspaceId} ORDER BY w.id",
            r => (Workspace: r.GetInt32(0), Wallet: r.GetInt32(1)));
        _nextId = Convert.ToInt64(await ScalarAsync(db, "SELECT COALESCE(MAX(id), 0) FROM entries"), System.Globalization.CultureInfo.InvariantCulture) + 1;

        var now = DateTime.UtcNow;
        var rows = new List<EntryRow>();
        var links = new List<(long Entry, int Label)>();
        await using var sink = await RowSink.OpenAsync(db, postgres);
        var mainWallets = wallets.Select(w => (w.Id, w.Currency)).ToArray();
        var start = now.AddYears(-10);
        Guid sample = Guid.Empty, mid = Guid.Empty;
        var written = 0;
        // Recurring bills and salary: monthly, on fixed days.
        for (var month = new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Utc); month < now && written < entries; month = month.AddMonths(1))
        {
            await sink.WriteAsync(Entry(workspaceId, "incoming", 250_000 + _random.Next(0, 20_000), mainWallets[0], incomeCategories[0], month.AddDays(26).AddHours(9), "salary", now), []);
            await sink.WriteAsync(Entry(workspaceId, "expenses", -95_000, mainWallets[0], expenseCategories[0], month.AddHours(8), "rent", now), []);
            foreach (var (bill, amount) in new[] { ("electricity", -6_500), ("internet", -2_990), ("phone", -1_500), ("gym", -3_900), ("insurance", -4_200) })
            {
                await sink.WriteAsync(Entry(workspaceId, "expenses", amount - _random.Next(0, 500), mainWallets[1 % mainWallets.Length], expenseCategories[1], month.AddDays(4).AddHours(10), bill, now), []);
            }
            written += 7;
        }
        while (written < entries)
        {
            var when = start.AddSeconds(_random.NextDouble() * (now - start).TotalSeconds);
            if (_random.NextDouble() < 0.01)
            {
                when = now.AddDays(1 + (_random.NextDouble() * 60)); // planned, in the future
            }
            var wallet = mainWallets[Zipf(mainWallets.Length)];
            var roll = _random.NextDouble();
            var note = _random.NextDouble() < 0.6 ? Note() : null;
            var entryLabels = new List<int>();
            for (var l = Zipf(4); l > 0; l--)
            {
                entryLabels.Add(labels[Zipf(labels.Count)].Id);
            }
            if (roll < 0.04 && mainWallets.Length > 1)
            {
                // A transfer: a pair of entries, in one currency (EUR wallets only, to keep amounts simple).
                var target = mainWallets[(Array.IndexOf(mainWallets, wallet) + 1 + _random.Next(mainWallets.Length - 1)) % mainWallets.Length];
                if (wallet.Currency != target.Currency)
                {
                    continue;
                }
                var amount = Amount();
                var source = Entry(workspaceId, "transfer", -amount, wallet, 75, when, note, now);
                var destination = Entry(workspaceId, "transfer", amount, target, 75, when, note, now);
                source = source with { Transfer = true, TransferWalletId = target.Id, TransferRelation = destination.Uuid };
                destination = destination with { Transfer = true, TransferWalletId = wallet.Id, TransferRelation = source.Uuid, Planned = source.Planned, Confirmed = source.Confirmed };
                await sink.WriteAsync(source, entryLabels);
                await sink.WriteAsync(destination, entryLabels);
                written += 2;
                continue;
            }
            EntryRow row;
            if (roll < 0.09)
            {
                row = Entry(workspaceId, "debit", _random.NextDouble() < 0.5 ? -Amount() : Amount(), wallet, 55, when, note, now) with { PayeeId = payees[Zipf(payees.Count)].Id };
            }
            else if (roll < 0.10)
            {
                row = Entry(workspaceId, "saving", Amount(), wallet, expenseCategories[^1], when, note, now) with { GoalId = goals[_random.Next(goals.Count)].Id };
            }
            else if (roll < 0.15)
            {
                row = Entry(workspaceId, "incoming", Amount() * 3, wallet, incomeCategories[_random.Next(incomeCategories.Length)], when, note, now);
            }
            else
            {
                row = Entry(workspaceId, "expenses", -Amount(), wallet, expenseCategories[Zipf(expenseCategories.Length)], when, note, now);
            }
            await sink.WriteAsync(row, entryLabels);
            written++;
            if (written == 1000)
            {
                sample = row.Uuid;
            }
            if (written == entries / 2)
            {
                mid = row.Uuid;
            }
        }
        var byWorkspace = tenantWallets.GroupBy(t => t.Workspace).ToList();
        foreach (var tenant in byWorkspace)
        {
            var wallet = (tenant.First().Wallet, 2);
            for (var i = 0; i < otherEntries; i++)
            {
                var when = start.AddSeconds(_random.NextDouble() * (now - start).TotalSeconds);
                await sink.WriteAsync(Entry(tenant.Key, "expenses", -Amount(), wallet, expenseCategories[Zipf(expenseCategories.Length)], when, Note(), now), []);
            }
        }
        await sink.CompleteAsync();
        await FinishAsync(db);
        if (mid == Guid.Empty)
        {
            mid = sample;
        }
        return new BenchWorkspace(workspaceUuid, workspaceId, token,
            wallets.Select(w => w.Uuid).ToArray(), labels.Select(l => l.Uuid).ToArray(), goals.Select(g => g.Uuid).ToArray(), payees.Select(p => p.Uuid).ToArray(),
            sample == Guid.Empty ? mid : sample, mid)
        {
            WalletIds = wallets.Select(w => w.Id).ToArray(),
            LabelIds = labels.Select(l => l.Id).ToArray(),
        };
    }

    /// <summary>Balances, list counters and the statistics' aggregates from the entries, as the ledger would have kept them.</summary>
    private async Task FinishAsync(DbConnection db)
    {
        var counted = postgres ? "e.confirmed AND NOT e.planned" : "e.confirmed = 1 AND e.planned = 0";
        if (db is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            BudgetControl.Data.EntryDayTotals.RegisterSqliteFunctions(sqlite);
        }
        string[] statements =
        [
            $"""
            UPDATE wallets SET balance = opening_balance + COALESCE((SELECT SUM(CASE WHEN e.type = 'saving' THEN -e.wallet_amount ELSE e.wallet_amount END)
                FROM entries e WHERE e.wallet_id = wallets.id AND e.deleted_at IS NULL AND {counted}), 0)
            """,
            $"UPDATE goals SET balance = COALESCE((SELECT SUM(e.base_amount) FROM entries e WHERE e.goal_id = goals.id AND e.type = 'saving' AND e.deleted_at IS NULL AND {counted}), 0)",
            $"UPDATE payees SET balance = COALESCE((SELECT SUM(e.base_amount) FROM entries e WHERE e.payee_id = payees.id AND e.type = 'debit' AND e.deleted_at IS NULL AND {counted}), 0)",
            "DELETE FROM entry_counts",
            BudgetControl.Data.EntryCounts.RebuildSql,
            .. BudgetControl.Data.EntryDayTotals.Tables.Select(t => $"DELETE FROM {t}"),
            .. BudgetControl.Data.EntryDayTotals.RebuildStatements(postgres, oneWorkspace: false),
            postgres ? $"SELECT setval(pg_get_serial_sequence('entries', 'id'), {_nextId})" : "SELECT 1",
            // A loaded database as a maintained one is: vacuumed (visibility map set, so index-only scans skip the heap; no
            // autovacuum of the whole load during the first cells), analysed, and checkpointed (the load's dirty pages are
            // not flushed during the first cells), as pgbench -i leaves its tables.
            postgres ? "VACUUM (ANALYZE)" : "ANALYZE",
            postgres ? "CHECKPOINT" : "SELECT 1",
        ];
        foreach (var sql in statements)
        {
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }
    }

    private EntryRow Entry(int workspace, string type, long amount, (int Id, int Currency) wallet, int category, DateTime when, string? note, DateTime now)
    {
        // USD wallets hold USD entries; their base (EUR) amount uses a fixed rate of 0.92.
        var baseAmount = wallet.Currency == 1 ? (long)Math.Round(amount * 0.92m, MidpointRounding.ToEven) : amount;
        var planned = when > now;
        return new EntryRow(_nextId++, Guid.NewGuid(), workspace, type, amount, wallet.Currency, amount, baseAmount, when, note,
            false, planned || _random.NextDouble() > 0.02, planned, category, wallet.Id, null, null, 1 + _random.Next(5), null, null);
    }

    private long Amount() => (long)Math.Max(1, Math.Round(Math.Exp(_random.NextDouble() * 6.5) * 100)) / 10 * 10 + _random.Next(0, 10);

    private string Note()
    {
        var count = 1 + _random.Next(3);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = _random.NextDouble() < 0.001 ? RareWords[_random.Next(RareWords.Length)] : Words[Zipf(Words.Length)];
        }
        return string.Join(' ', words);
    }

    /// <summary>A skewed index in [0, n): low indexes are much more frequent.</summary>
    private int Zipf(int n) => Math.Min(n - 1, (int)Math.Floor(Math.Pow(_random.NextDouble(), 2.5) * n));

    private static async Task<object?> ScalarAsync(DbConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            BenchApi.Add(command, name, value);
        }
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<T>> RowsAsync<T>(DbConnection db, string sql, Func<DbDataReader, T> map)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync())
        {
            list.Add(map(reader));
        }
        return list;
    }
}

internal sealed record EntryRow(
    long Id, Guid Uuid, int WorkspaceId, string Type, long Amount, int CurrencyId, long WalletAmount, long BaseAmount, DateTime When, string? Note,
    bool Transfer, bool Confirmed, bool Planned, int CategoryId, int? WalletId, int? TransferWalletId, Guid? TransferRelation, int PaymentTypeId,
    int? PayeeId, int? GoalId);

/// <summary>Where generated entries go: binary COPY on PostgreSQL, prepared inserts in one transaction on SQLite.</summary>
internal abstract class RowSink : IAsyncDisposable
{
    private const string Columns = "id, uuid, workspace_id, type, amount, currency_id, wallet_amount, base_amount, date_time, note, waranty, transfer, confirmed, planned, installment, category_id, wallet_id, transfer_wallet_id, transfer_relation, payment_type_id, payee_id, goal_id, exclude_from_stats, created_at, updated_at, version";

    public static async Task<RowSink> OpenAsync(DbConnection db, bool postgres) =>
        postgres ? await PostgresSink.OpenAsync((NpgsqlConnection)db) : new SqliteSink((SqliteConnection)db);

    public abstract ValueTask WriteAsync(EntryRow row, IReadOnlyList<int> labels);

    public abstract Task CompleteAsync();

    public abstract ValueTask DisposeAsync();

    private sealed class PostgresSink : RowSink
    {
        private readonly NpgsqlConnection _db;
        private readonly NpgsqlBinaryImporter _entries;
        private readonly List<(long, int)> _labels = [];

        private PostgresSink(NpgsqlConnection db, NpgsqlBinaryImporter entries)
        {
            _db = db;
            _entries = entries;
        }

        public static async Task<RowSink> OpenAsync(NpgsqlConnection db) =>
            new PostgresSink(db, await db.BeginBinaryImportAsync($"COPY entries ({Columns}) FROM STDIN (FORMAT BINARY)"));

        public override async ValueTask WriteAsync(EntryRow r, IReadOnlyList<int> labels)
        {
            await _entries.StartRowAsync();
            await _entries.WriteAsync((int)r.Id, NpgsqlDbType.Integer);
            await _entries.WriteAsync(r.Uuid, NpgsqlDbType.Uuid);
            await _entries.WriteAsync(r.WorkspaceId, NpgsqlDbType.Integer);
            await _entries.WriteAsync(r.Type, NpgsqlDbType.Varchar);
            await _entries.WriteAsync(r.Amount, NpgsqlDbType.Bigint);
            await _entries.WriteAsync(r.CurrencyId, NpgsqlDbType.Integer);
            await _entries.WriteAsync(r.WalletAmount, NpgsqlDbType.Bigint);
            await _entries.WriteAsync(r.BaseAmount, NpgsqlDbType.Bigint);
            await _entries.WriteAsync(r.When, NpgsqlDbType.TimestampTz);
            await Nullable(r.Note, NpgsqlDbType.Varchar);
            await _entries.WriteAsync(false, NpgsqlDbType.Boolean);
            await _entries.WriteAsync(r.Transfer, NpgsqlDbType.Boolean);
            await _entries.WriteAsync(r.Confirmed, NpgsqlDbType.Boolean);
            await _entries.WriteAsync(r.Planned, NpgsqlDbType.Boolean);
            await _entries.WriteAsync(false, NpgsqlDbType.Boolean);
            await _entries.WriteAsync(r.CategoryId, NpgsqlDbType.Integer);
            await Nullable(r.WalletId, NpgsqlDbType.Integer);
            await Nullable(r.TransferWalletId, NpgsqlDbType.Integer);
            await Nullable(r.TransferRelation, NpgsqlDbType.Uuid);
            await _entries.WriteAsync(r.PaymentTypeId, NpgsqlDbType.Integer);
            await Nullable(r.PayeeId, NpgsqlDbType.Integer);
            await Nullable(r.GoalId, NpgsqlDbType.Integer);
            await _entries.WriteAsync(false, NpgsqlDbType.Boolean);
            await _entries.WriteAsync(r.When, NpgsqlDbType.TimestampTz);
            await _entries.WriteAsync(r.When, NpgsqlDbType.TimestampTz);
            await _entries.WriteAsync(0, NpgsqlDbType.Integer);
            foreach (var label in labels.Distinct())
            {
                _labels.Add((r.Id, label));
            }
        }

        public override async Task CompleteAsync()
        {
            await _entries.CompleteAsync();
            await _entries.DisposeAsync();
            await using var links = await _db.BeginBinaryImportAsync("COPY entry_labels (entry_id, label_id) FROM STDIN (FORMAT BINARY)");
            foreach (var (entry, label) in _labels)
            {
                await links.StartRowAsync();
                await links.WriteAsync((int)entry, NpgsqlDbType.Integer);
                await links.WriteAsync(label, NpgsqlDbType.Integer);
            }
            await links.CompleteAsync();
        }

        public override async ValueTask DisposeAsync() => await _entries.DisposeAsync();

        private async Task Nullable<T>(T? value, NpgsqlDbType type)
        {
            if (value is null)
            {
                await _entries.WriteNullAsync();
            }
            else
            {
                await _entries.WriteAsync(value, type);
            }
        }
    }

    private sealed class SqliteSink : RowSink
    {
        private readonly SqliteTransaction _transaction;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _link;

        public SqliteSink(SqliteConnection db)
        {
            _transaction = db.BeginTransaction();
            _insert = db.CreateCommand();
            _insert.Transaction = _transaction;
            var names = Columns.Split(", ");
            _insert.CommandText = $"INSERT INTO entries ({Columns}) VALUES ({string.Join(", ", names.Select(n => "$" + n))})";
            foreach (var name in names)
            {
                _insert.Parameters.Add(new SqliteParameter("$" + name, null));
            }
            _insert.Prepare();
            _link = db.CreateCommand();
            _link.Transaction = _transaction;
            _link.CommandText = "INSERT INTO entry_labels (entry_id, label_id) VALUES ($e, $l)";
            _link.Parameters.Add(new SqliteParameter("$e", null));
            _link.Parameters.Add(new SqliteParameter("$l", null));
            _link.Prepare();
        }

        public override async ValueTask WriteAsync(EntryRow r, IReadOnlyList<int> labels)
        {
            object?[] values =
            [
                r.Id, r.Uuid.ToString().ToUpperInvariant(), r.WorkspaceId, r.Type, r.Amount, r.CurrencyId, r.WalletAmount, r.BaseAmount, Time(r.When), r.Note,
                0, r.Transfer ? 1 : 0, r.Confirmed ? 1 : 0, r.Planned ? 1 : 0, 0, r.CategoryId, r.WalletId, r.TransferWalletId,
                r.TransferRelation?.ToString().ToUpperInvariant(), r.PaymentTypeId, r.PayeeId, r.GoalId, 0, Time(r.When), Time(r.When), 0,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                _insert.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            await _insert.ExecuteNonQueryAsync();
            foreach (var label in labels.Distinct())
            {
                _link.Parameters[0].Value = r.Id;
                _link.Parameters[1].Value = label;
                await _link.ExecuteNonQueryAsync();
            }
        }

        public override async Task CompleteAsync() => await _transaction.CommitAsync();

        public override async ValueTask DisposeAsync()
        {
            await _insert.DisposeAsync();
            await _link.DisposeAsync();
            await _transaction.DisposeAsync();
        }

        // EF Core's SQLite provider stores DateTime as ISO text.
        private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
    }
}

internal static class JsonNodes
{
    public static Guid Uuid(this JsonNode node) => Guid.Parse((string)node["uuid"]!);
}
