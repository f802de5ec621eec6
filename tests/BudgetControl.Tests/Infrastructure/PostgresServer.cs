using System.Diagnostics;
using Npgsql;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests: started once per test run from the Debian binaries
/// (<c>/usr/lib/postgresql/*/bin</c>) on a free loopback port in a temporary folder, and stopped when
/// the run ends. <c>BUDGETCONTROL_TEST_POSTGRES</c> (a connection string) uses an existing server instead.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly string? _dataDirectory;
    private readonly string? _binaries;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? binaries)
    {
        AdminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _binaries = binaries;
    }

    public string AdminConnectionString { get; }

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    /// <summary>A new empty database on the server; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "bc_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 30 }.ToString();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("BUDGETCONTROL_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new PostgresServer(external, null, null);
        }
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (binaries is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries not found: install them with 'apt-get install postgresql' (see README.md).");
        }
        var asRoot = Environment.UserName == "root";
        await StopAbandonedAsync(binaries, asRoot);
        var root = Path.Combine(Path.GetTempPath(), "bc-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        // Which test process owns this server: a later run stops it if this one could not (see StopAbandonedAsync).
        await File.WriteAllTextAsync(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (asRoot)
        {
            // PostgreSQL refuses to run as root: the server runs as the 'postgres' user in a folder it owns.
            await RunAsync("chown", $"postgres:postgres {root}");
        }
        var port = ChildProcess.FreePort();
        await RunAsync(Path.Combine(binaries, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --no-instructions", asRoot);
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"),
            $"\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{root}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 300\nshared_buffers = 128MB\n");
        if (asRoot)
        {
            await RunAsync("chown", $"postgres:postgres {Path.Combine(data, "postgresql.conf")}");
        }
        await RunAsync(Path.Combine(binaries, "pg_ctl"), $"-D {data} -l {Path.Combine(root, "server.log")} -w -t 60 start", asRoot);
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", data, binaries);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(asRoot, root);
        return server;
    }

    private void Stop(bool asRoot, string root)
    {
        try
        {
            RunAsync(Path.Combine(_binaries!, "pg_ctl"), $"-D {_dataDirectory} -m immediate -w stop", asRoot).GetAwaiter().GetResult();
            Directory.Delete(root, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at process exit: the temp folder is the only thing left behind.
        }
    }

    /// <summary>
    /// Stops servers of earlier runs whose test process is gone: the test host is sometimes ended without
    /// running its exit handlers, and a server must not outlive the run that started it for long.
    /// </summary>
    private static async Task StopAbandonedAsync(string binaries, bool asRoot)
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), "bc-pg-*"))
        {
            var ownerFile = Path.Combine(root, "owner.pid");
            if (!File.Exists(ownerFile) || !int.TryParse(await File.ReadAllTextAsync(ownerFile), out var owner) || IsAlive(owner))
            {
                continue;
            }
            try
            {
                if (File.Exists(Path.Combine(root, "data", "postmaster.pid")))
                {
                    await RunAsync(Path.Combine(binaries, "pg_ctl"), $"-D {Path.Combine(root, "data")} -m immediate -w stop", asRoot);
                }
                Directory.Delete(root, recursive: true);
            }
            catch (Exception)
            {
                // Another run may be cleaning it up at the same moment.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string arguments, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
