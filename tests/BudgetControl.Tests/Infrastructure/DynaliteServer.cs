using System.Globalization;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// dynalite (npm), a local DynamoDB-compatible server kept in memory, on 127.0.0.1 and a free port: started with
/// node from <c>tests/dynalite/node_modules</c> (<c>.ci/run</c> installs it) by a fixture, stopped by its disposal.
/// </summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private DynaliteServer(int port, ChildProcess process)
    {
        Port = port;
        _process = process;
    }

    public static string? Node { get; } = new[] { "/usr/bin/node", "/usr/local/bin/node" }.FirstOrDefault(File.Exists);

    public static string? Cli { get; } = FindCli();

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public static async Task<DynaliteServer> StartAsync()
    {
        var port = ChildProcess.FreePort();
        var process = await ChildProcess.StartAsync(
            Node ?? throw new InvalidOperationException("node is not installed"),
            [Cli ?? throw new InvalidOperationException("dynalite is not installed: npm ci --prefix tests/dynalite"), "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)],
            () => ChildProcess.AcceptsAsync(port));
        return new DynaliteServer(port, process);
    }

    public Task StopAsync() => _process.StopAsync();

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string? FindCli()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BudgetControl.slnx")))
            {
                var cli = Path.Combine(dir.FullName, "tests", "dynalite", "node_modules", "dynalite", "cli.js");
                return File.Exists(cli) ? cli : null;
            }
        }
        return null;
    }
}

/// <summary>Runs only where node and dynalite are installed (<c>.ci/run</c> installs dynalite); skipped, not failed, elsewhere.</summary>
public sealed class DynaliteFactAttribute : FactAttribute
{
    public DynaliteFactAttribute()
    {
        if (DynaliteServer.Node is null || DynaliteServer.Cli is null)
        {
            Skip = "node or dynalite is missing: npm ci --ignore-scripts --prefix tests/dynalite (.ci/run does it).";
        }
    }
}

/// <summary>The all-in-one server with DynamoDB (dynalite) as the cache's L2 and no Redis.</summary>
public abstract class DynamoApp : BudgetApp
{
    public const string Table = "budgetcontrol-cache";

    public DynaliteServer? Dynalite { get; private set; }

    protected override IEnumerable<KeyValuePair<string, string>> Settings => Dynalite is null ? [] :
    [
        new("Cache:DynamoDb:Table", Table),
        new("Cache:DynamoDb:ServiceUrl", Dynalite.ServiceUrl),
        new("Cache:DynamoDb:AccessKey", "local"),
        new("Cache:DynamoDb:SecretKey", "local"),
        new("Cache:DynamoDb:CreateTable", "true"),
    ];

    /// <summary>dynalite must run before the app is configured with its address.</summary>
    protected override async Task<string> CreateDatabaseAsync()
    {
        if (DynaliteServer.Node is not null && DynaliteServer.Cli is not null)
        {
            Dynalite = await DynaliteServer.StartAsync();
        }
        return await base.CreateDatabaseAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Dynalite is not null)
        {
            await Dynalite.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteDynamoApp : DynamoApp
{
    public override BudgetControl.Data.DatabaseProvider Provider => BudgetControl.Data.DatabaseProvider.Sqlite;
}

public sealed class PostgresDynamoApp : DynamoApp
{
    public override BudgetControl.Data.DatabaseProvider Provider => BudgetControl.Data.DatabaseProvider.Postgres;
}
