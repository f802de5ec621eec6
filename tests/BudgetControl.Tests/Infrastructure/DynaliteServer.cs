using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// dynalite (npm), a local DynamoDB-compatible server kept in memory, on 127.0.0.1 and a free port: started with
/// node from <c>tests/dynalite/node_modules</c> (<c>.ci/run</c> installs it) by a fixture, stopped by its disposal.
/// </summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    private Process? _process;

    private DynaliteServer(int port) => Port = port;

    public static string? Node { get; } = new[] { "/usr/bin/node", "/usr/local/bin/node" }.FirstOrDefault(File.Exists);

    public static string? Cli { get; } = FindCli();

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public static async Task<DynaliteServer> StartAsync()
    {
        var server = new DynaliteServer(FreePort());
        var start = new ProcessStartInfo(Node ?? throw new InvalidOperationException("node is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[] { Cli ?? throw new InvalidOperationException("dynalite is not installed: npm ci --prefix tests/dynalite"), "--host", "127.0.0.1", "--port", server.Port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        server._process = Process.Start(start)!;
        server._process.OutputDataReceived += (_, _) => { };
        server._process.ErrorDataReceived += (_, _) => { };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"dynalite did not listen on port {server.Port}.");
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Kill()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
