using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the database is and which engine runs it, read from configuration.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    // One per configured database, so one per process (see SqliteWriteGate).
    private readonly SqliteWriteGate _writeGate = new();
    private readonly SqliteFunctions _functions = new();
    private readonly GenericPlanInterceptor _genericPlans = new();
    private SqliteSynchronous? _synchronous;
    // Generic plans are only worth their two extra statements when statements are prepared (GenericPlans).
    private readonly bool _prepares = Provider == DatabaseProvider.Postgres && new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).MaxAutoPrepare > 0;

    /// <summary>
    /// SQLite's <c>synchronous</c> mode on every connection (<c>Database:SqliteSynchronous</c>): <c>FULL</c> by default,
    /// every commit waits for the disk, so an entry the API said was saved survives a power loss; <c>NORMAL</c> (WAL)
    /// commits without waiting for the disk (faster; the file is never corrupted, but the last commits before a power
    /// loss or an operating-system crash may be lost), for operators who accept that. See docs/decisions/0012-sqlite-synchronous.md.
    /// </summary>
    public string SqliteSynchronousMode { get; init; } = "FULL";

    /// <summary>
    /// This process's writers queued per wallet (by id), PostgreSQL only: the entries' ledger waits here for the turn of
    /// its wallets before the command that locks their rows and commits, so this process's writers of one busy wallet
    /// reach PostgreSQL one at a time, in order, instead of piling onto the row's lock (docs/performance.md, "One busy
    /// wallet"). SQLite needs none: its writers already queue for the file (<see cref="SqliteWriteGate"/>). How many writers
    /// of one wallet go in at once is <c>Database:WalletWriters</c>; null when that is 0 (writers queue on the rows' locks alone).
    /// Plain creates wait in it as groups that go as one command (<c>Database:GroupCommit</c>, <see cref="KeyedWriteGate.GroupLimit"/>);
    /// with group commit on and no queue for every writer, it queues the groups only (<see cref="KeyedWriteGate.QueuesEveryWriter"/>).
    /// </summary>
    public KeyedWriteGate? WalletWriters { get; init; } = new();

    /// <summary>SQLite: this process's writers holding or awaiting the file's turn now (<see cref="SqliteWriteGate"/>).</summary>
    internal int SqliteWriters => _writeGate.Writers;

    /// <summary>
    /// SQLite: the most plain creates that wait for the file's turn together and are written in one transaction, with one
    /// commit (<c>Database:GroupCommit</c>; 0 or 1: none). SQLite has one writer, so a group takes creates of any wallets.
    /// </summary>
    public int SqliteGroupCommit
    {
        get => _writeGate.Queue.GroupLimit;
        init => _writeGate = new SqliteWriteGate(value, _writeGate.Queue.MaxWait);
    }

    /// <summary>
    /// SQLite: how long a writer of this process waits for the file's turn (<c>Database:SqliteWriteWait</c>, 30 s), a group
    /// of plain creates as much as a single transaction; after that it goes without the turn, to SQLite's own busy handling
    /// (<see cref="SqliteWriteGate"/>).
    /// </summary>
    public TimeSpan SqliteWriteWait
    {
        get => _writeGate.Queue.MaxWait;
        init => _writeGate = new SqliteWriteGate(_writeGate.Queue.GroupLimit, value);
    }

    /// <summary>
    /// SQLite with group commit on (<see cref="SqliteGroupCommit"/>): the queue of the file's one writer
    /// (<see cref="SqliteWriteGate"/>, one key: <see cref="SqliteFile"/>), where plain creates wait as groups
    /// (<see cref="KeyedWriteGate.JoinAsync{T}"/>) among the transactions that wait at their <c>BEGIN</c>; null otherwise.
    /// </summary>
    public KeyedWriteGate? SqliteGroups => Provider == DatabaseProvider.Sqlite && _writeGate.Queue.GroupLimit > 1 ? _writeGate.Queue : null;

    /// <summary>The file's key in <see cref="SqliteGroups"/>.</summary>
    public const int SqliteFile = SqliteWriteGate.File;

    /// <summary>
    /// SQLite: lends the file's turn, which the caller holds as the leader of a group of <see cref="SqliteGroups"/>, to
    /// <paramref name="connection"/> until the returned value is disposed (its transactions neither wait for the turn nor leave it).
    /// </summary>
    public IDisposable CarryFileTurn(DbConnection connection) => _writeGate.Carry(connection);

    public const string SqliteMigrationsAssembly = "BudgetControl.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "BudgetControl.Data.Postgres";

    /// <summary>
    /// PostgreSQL when <c>ConnectionStrings:Postgres</c> is set; otherwise SQLite at
    /// <c>ConnectionStrings:Sqlite</c>, defaulting to <c>{dataDirectory}/budgetcontrol.db</c>.
    /// </summary>
    public static DatabaseOptions From(IConfiguration configuration, string dataDirectory)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            try
            {
                return new DatabaseOptions(DatabaseProvider.Postgres, Tuned(postgres))
                {
                    WalletWriters = WalletWritersFrom(configuration),
                };
            }
            catch (ArgumentException e)
            {
                // Npgsql's own message names only the keyword ("Couldn't set max pool size"): say where it comes from.
                throw new InvalidOperationException(
                    $"ConnectionStrings:Postgres is not a valid Npgsql connection string: {e.Message}. Its keywords are Npgsql's "
                    + "(https://www.npgsql.org/doc/connection-string-parameters.html), e.g. 'Maximum Pool Size', not SQL Server's 'Max Pool Size'.", e);
            }
        }
        var sqlite = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            sqlite = $"Data Source={Path.Combine(dataDirectory, "budgetcontrol.db")}";
        }
        var builder = new SqliteConnectionStringBuilder(sqlite) { DefaultTimeout = 30 };
        var synchronous = (configuration["Database:SqliteSynchronous"] ?? "FULL").Trim().ToUpperInvariant();
        if (synchronous is not ("NORMAL" or "FULL" or "EXTRA"))
        {
            // OFF could corrupt the file on a crash: not offered.
            throw new InvalidOperationException($"Database:SqliteSynchronous must be NORMAL, FULL or EXTRA, not '{synchronous}'.");
        }
        return new DatabaseOptions(DatabaseProvider.Sqlite, builder.ToString())
        {
            SqliteSynchronousMode = synchronous,
            SqliteGroupCommit = WholeNumber(configuration, "Database:GroupCommit", DefaultGroupCommit, "0: no group commit"),
            SqliteWriteWait = Duration(configuration, "Database:SqliteWriteWait", SqliteWriteGate.DefaultMaxWait),
        };
    }

    private static TimeSpan Duration(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{key} must be a positive duration (hh:mm:ss), not '{text}'.");
        }
        return value;
    }

    /// <summary>
    /// <c>Database:WalletWriters</c>: how many of this process's writers of one wallet reach PostgreSQL at once; 0: no queue.
    /// <c>Database:GroupCommit</c>: the most plain creates of one wallet that wait for a turn together and go as one command
    /// (<see cref="KeyedWriteGate.JoinAsync{T}"/>); 0 or 1: none (on SQLite the same setting groups creates of any wallets
    /// in the file's queue: <see cref="SqliteGroupCommit"/>). Groups wait in the wallet's queue; without one (0 writers)
    /// they get a queue of their own, one group of a wallet at a time, and every other writer goes to the rows' locks alone.
    /// </summary>
    private static KeyedWriteGate? WalletWritersFrom(IConfiguration configuration)
    {
        var group = WholeNumber(configuration, "Database:GroupCommit", DefaultGroupCommit, "0: no group commit");
        var perWallet = WholeNumber(configuration, "Database:WalletWriters", DefaultWalletWriters, "0: no queue");
        return perWallet > 0 ? new KeyedWriteGate(perWallet) { GroupLimit = Math.Max(group, 1) }
            : group > 1 ? new KeyedWriteGate(1) { GroupLimit = group, QueuesEveryWriter = false }
            : null;
    }

    private static int WholeNumber(IConfiguration configuration, string key, int fallback, string zero)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidOperationException($"{key} must be a whole number ({zero}), not '{text}'.");
        }
        return value;
    }

    // Off until an idle-machine run shows it better: on a loaded machine one writer per wallet lost throughput (the turn's
    // hand-over waits for a thread-pool thread) and two were no better than none (docs/performance.md, "One busy wallet").
    private const int DefaultWalletWriters = 0;

    // Decided by measurement (docs/performance.md, "Group commit").
    private const int DefaultGroupCommit = 64;

    /// <summary>
    /// Unless the connection string says otherwise: a connection going back to the pool is not reset with
    /// <c>DISCARD ALL</c>, which cost a round trip per query (nothing here sets session state); statements used
    /// repeatedly are prepared (<c>Max Auto Prepare</c>), so PostgreSQL parses and analyses each of them once per
    /// connection instead of on every call; and every execution of a prepared statement is still planned for its
    /// actual values (<c>plan_cache_mode=force_custom_plan</c>): PostgreSQL's generic plan, which it would
    /// otherwise switch to after five executions, reads a whole workspace for the entry list when the workspace
    /// is far larger than the average (2 s instead of 1 ms at 1M entries, docs/performance.md).
    /// </summary>
    private static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] keys) => keys.Any(given.ContainsKey);
        if (!Given("No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        if (!Given("Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 100;
        }
        if (!(builder.Options ?? "").Contains("plan_cache_mode", StringComparison.Ordinal))
        {
            builder.Options = string.Join(' ', new[] { builder.Options, "-c plan_cache_mode=force_custom_plan" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// A plain ADO.NET connection to the database, opened, for the few statements that run before the server
    /// answers: EF Core's services and model are built in the background afterwards (WarmUp), not on the start's path.
    /// </summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                // The provider's identifier quoting without its DataTable of reserved words (System.Private.Xml).
                options.ReplaceService<ISqlGenerationHelper, PostgresIdentifiers>();
                if (_prepares)
                {
                    options.AddInterceptors(_genericPlans);
                }
                break;
            default:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                options.AddInterceptors(_writeGate, _functions, _synchronous ??= new SqliteSynchronous(SqliteSynchronousMode));
                break;
        }
        options.UseSnakeCaseNamingConvention();
        options.UseOpenIddict();
    }
}

public static class DatabaseRegistration
{
    public static IServiceCollection AddBudgetDatabase(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddSingleton(database);
        services.AddDbContext<BudgetDbContext>(database.Configure);
        return services;
    }

    /// <summary>
    /// Creates the database if needed and applies every pending migration. When nothing is pending (every start but
    /// the first after an upgrade) it touches neither EF Core's services nor its model: both are built in the
    /// background once the server answers (WarmUp), not before (docs/performance.md, "Start-up").
    /// </summary>
    public static async Task MigrateAsync(this BudgetDbContext db, DatabaseOptions database, CancellationToken cancellationToken = default)
    {
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        if (sqlite)
        {
            var source = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(source));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        // Migrate() also builds the whole model and compares it with the snapshot, the slowest part of a
        // start; the list of applied migrations alone tells whether anything is to do. It is read first with one
        // plain query; whenever that does not show every migration applied, EF Core's own check and Migrate() decide.
        if (!await AllAppliedAsync(database, cancellationToken) && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (sqlite)
        {
            // WAL lets readers proceed while one writer commits (a setting of the file, kept by every later connection).
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// True when the history table lists every migration of the provider's migrations assembly (found as EF Core
    /// finds them: its <see cref="Migration"/> types for this context, by <see cref="MigrationAttribute"/> id).
    /// False when one is missing, or the table cannot be read (a new database): EF Core's own check decides then.
    /// </summary>
    internal static async Task<bool> AllAppliedAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        var assembly = Assembly.Load(database.Provider == DatabaseProvider.Postgres
            ? DatabaseOptions.PostgresMigrationsAssembly
            : DatabaseOptions.SqliteMigrationsAssembly);
        var known = assembly.DefinedTypes
            .Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && t.IsSubclassOf(typeof(Migration))
                && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(BudgetDbContext))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .ToList();
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // The naming convention renamed the history table's columns (migration_id on both providers, MigrationId before).
            command.CommandText = "SELECT * FROM \"__EFMigrationsHistory\"";
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var id = Enumerable.Range(0, reader.FieldCount)
                .FirstOrDefault(i => reader.GetName(i).Replace("_", "", StringComparison.Ordinal).Equals("MigrationId", StringComparison.OrdinalIgnoreCase), -1);
            if (id < 0)
            {
                return false;
            }
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(id));
            }
            return known.Count > 0 && known.All(applied.Contains);
        }
        catch (DbException)
        {
            return false;
        }
    }
}
