using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// The split topology on this machine, started by <c>deploy/local/split-up.sh</c> (PostgreSQL, Redis, nginx with
/// TLS, the gateway, every service and the jobs worker as processes of the test's own build) and stopped by
/// <c>split-down.sh</c>. Clients talk HTTPS to nginx and trust only the certificate the script made.
/// </summary>
public sealed class SplitTopology : IAsyncLifetime, IApiTarget
{
    /// <summary>Requests per signed-in user and minute at the gateway; RateLimitTests counts on it.</summary>
    public const int PermitsPerUserPerMinute = 150;

    private X509Certificate2? _certificate;

    /// <summary>Why the topology cannot run here (a missing program), or null.</summary>
    public static string? Missing { get; } = FindMissing();

    public string State { get; } = Path.Combine(Path.GetTempPath(), "bc-split-test-" + Guid.NewGuid().ToString("N")[..8]);

    public Uri BaseAddress { get; private set; } = new("https://localhost/");

    public int PortBase { get; } = FreePortBase();

    public string Repository { get; } = FindRepository();

    /// <summary>The services of the route table with the port each listens on.</summary>
    public IReadOnlyDictionary<string, int> ServicePorts { get; } = new Dictionary<string, int>();

    public async Task InitializeAsync()
    {
        if (Missing is not null)
        {
            return;
        }
        try
        {
            var output = await RunScriptAsync("split-up.sh", TimeSpan.FromMinutes(5));
            BaseAddress = new Uri(output.Trim().Split('\n')[^1].Trim() + "/");
            _certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(State, "certs", "fullchain.pem")));
        }
        catch
        {
            await RunScriptAsync("split-down.sh", TimeSpan.FromMinutes(1), ("BC_SPLIT_PURGE", "1"));
            throw;
        }
        var ports = (Dictionary<string, int>)ServicePorts;
        foreach (var service in Gateway.RouteTable.Services)
        {
            ports[service.Name] = PortBase + service.Port - 8080;
        }
    }

    public async Task DisposeAsync()
    {
        if (Missing is null)
        {
            await RunScriptAsync("split-down.sh", TimeSpan.FromMinutes(1), ("BC_SPLIT_PURGE", "1"));
        }
        _certificate?.Dispose();
    }

    public HttpClient Client() => new(new SocketsHttpHandler
    {
        SslOptions =
        {
            // Trust exactly the self-signed certificate split-up.sh made, nothing else.
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && _certificate is not null
                && certificate.GetCertHashString() == _certificate.GetCertHashString(),
        },
    }) { BaseAddress = BaseAddress };

    /// <summary>A client that talks to one service's process directly (no nginx, no gateway).</summary>
    public HttpClient Direct(string service) => new() { BaseAddress = new Uri($"http://127.0.0.1:{ServicePorts[service]}/") };

    public Task<string> LinkTokenAsync(string email, string kind) => Mailbox.LinkTokenAsync(Path.Combine(State, "data", "mail"), email, kind);

    /// <summary>Kills a process of the topology (a service, "gateway" or "redis") the hard way.</summary>
    public void Kill(string name)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(State, "run", name + ".pid")).Trim(), CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>Starts a process again with the command line split-up.sh used (kept in run/NAME.cmd).</summary>
    public void Restart(string name)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"nohup bash {State}/run/{name}.cmd >>{State}/log/{name}.log 2>&1 & echo $! > {State}/run/{name}.pid"])
        {
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.WaitForExit(10_000);
    }

    private async Task<string> RunScriptAsync(string script, TimeSpan timeout, params (string Key, string Value)[] extra)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository, "deploy", "local", script)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BC_SPLIT_STATE"] = State;
        start.Environment["BC_APP_DIR"] = AppContext.BaseDirectory;
        start.Environment["BC_PORT_BASE"] = PortBase.ToString(CultureInfo.InvariantCulture);
        start.Environment["BC_HTTP_PORT"] = (PortBase + 50).ToString(CultureInfo.InvariantCulture);
        start.Environment["BC_HTTPS_PORT"] = (PortBase + 51).ToString(CultureInfo.InvariantCulture);
        start.Environment["BC_PG_PORT"] = (PortBase + 52).ToString(CultureInfo.InvariantCulture);
        start.Environment["BC_REDIS_PORT"] = (PortBase + 53).ToString(CultureInfo.InvariantCulture);
        start.Environment["BC_EXTRA_ENV"] = string.Join(' ',
            "Auth__PasswordHashIterations=1000",
            "Auth__RevocationRefreshInterval=00:00:01",
            // Mail is sent by the jobs worker (another process): every second here, not every 15 s.
            "Jobs__MailIntervalSeconds=1",
            "Jobs__StartDelaySeconds=0",
            $"Gateway__PermitsPerUserPerMinute={PermitsPerUserPerMinute}",
            "Gateway__HealthCheckInterval=00:00:01",
            "Gateway__ReactivationPeriod=00:00:02",
            // Every test client is 127.0.0.1: one address for the whole suite's per-address limit.
            "RateLimiting__PermitsPerMinute=100000",
            "Logging__LogLevel__Default=Warning");
        foreach (var (key, value) in extra)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}):\n{await stderr}\n{await stdout}");
        }
        return await stdout;
    }

    private static string? FindMissing()
    {
        string[] programs = ["/usr/sbin/nginx", "/usr/bin/redis-server", "/usr/bin/openssl"];
        if (programs.FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            return $"{missing} is not installed: apt-get install -y nginx redis-server openssl (.ci/run does it).";
        }
        return Directory.Exists("/usr/lib/postgresql") ? null : "PostgreSQL is not installed: apt-get install -y postgresql.";
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BudgetControl.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (BudgetControl.slnx) was not found.");
    }

    /// <summary>
    /// A base port with its 60 neighbours free: the services (and their HTTP/2 ports), nginx, PostgreSQL and Redis use
    /// BASE+1..BASE+53. Below Linux's ephemeral range (32768 and up by default): a port found free there can be taken, before
    /// the topology binds it, as the local end of any outgoing connection (the services' own, to PostgreSQL and Redis).
    /// </summary>
    private static int FreePortBase()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Random.Shared.Next(110, 320) * 100;
            if (Enumerable.Range(candidate, 60).All(IsFree))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("No free range of 60 ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The split-topology test classes share one topology and run one after another (they kill services).</summary>
[CollectionDefinition(Name)]
public sealed class SplitCollection : ICollectionFixture<SplitTopology>
{
    public const string Name = "split topology";
}

/// <summary>A test that needs the split topology: skipped, not failed, where nginx, Redis or PostgreSQL is missing.</summary>
public sealed class SplitFactAttribute : FactAttribute
{
    public SplitFactAttribute()
    {
        if (SplitTopology.Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
