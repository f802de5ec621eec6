using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
                return new DatabaseOptions(DatabaseProvider.Postgres, Tuned(postgres));
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
        return new DatabaseOptions(DatabaseProvider.Sqlite, builder.ToString()) { SqliteSynchronousMode = synchronous };
    }

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

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
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

    /// <summary>Creates the database if needed and applies every pending migration.</summary>
    public static async Task MigrateAsync(this BudgetDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(source));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        // Migrate() also builds the whole model and compares it with the snapshot, the slowest part of a
        // start; the list of applied migrations alone tells whether anything is to do.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
