using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// A real Redis server (Debian's <c>redis-server</c>) on 127.0.0.1 and a free port, without persistence, for one
/// test class: started by its fixture, stopped by its fixture's disposal (and at process exit at the latest). Its
/// pid is written to <c>/tmp/bc-redis-*.pid</c> so that <c>.ci/run</c> can stop one a crashed run left behind.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public static string? Executable { get; } = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    private ChildProcess? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Connection string for the apps: short timeouts, so a stopped server is noticed quickly.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(ChildProcess.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port, empty, and waits until it answers PING.</summary>
    public async Task StartAgainAsync() =>
        _process = await ChildProcess.StartAsync(
            Executable ?? throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server"),
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning"],
            PingAsync,
            Path.Combine(Path.GetTempPath(), $"bc-redis-{Port}.pid"));

    /// <summary>Stops the server (as a crash would: no goodbye to the clients).</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.StopAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}

/// <summary>Runs only where Debian's redis-server is installed (<c>.ci/run</c> installs it); skipped, not failed, elsewhere.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null)
        {
            Skip = "redis-server is not installed: apt-get install -y redis-server (.ci/run does it).";
        }
    }
}

/// <summary>
/// Two processes of one deployment (two app instances) on one PostgreSQL database and one Redis server, with
/// the same keys, as the split topology runs them. Each reloads revocations from the database only once an
/// hour, so whatever reaches it sooner came through Redis.
/// </summary>
public class RedisPair : IAsyncLifetime
{
    public RedisServer? Redis { get; private set; }

    /// <summary>The process a test signs in and writes through.</summary>
    public Node First { get; private set; } = null!;

    /// <summary>The other process.</summary>
    public Node Second { get; private set; } = null!;

    public LogSink Logs { get; } = new();

    public async Task InitializeAsync()
    {
        if (RedisServer.Executable is null)
        {
            return;
        }
        Redis = await RedisServer.StartAsync();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var keys = new Dictionary<string, string>
        {
            ["Auth:SigningKeyPem"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["Auth:EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Auth:SessionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)),
            ["ConnectionStrings:Redis"] = Redis.ConnectionString,
            ["Auth:RevocationRefreshInterval"] = "01:00:00",
        };
        First = new Node(null, keys, Logs);
        await First.InitializeAsync();
        Second = new Node(First.ConnectionString, keys, Logs);
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Redis is null)
        {
            return;
        }
        await ((IAsyncLifetime)Second).DisposeAsync();
        await ((IAsyncLifetime)First).DisposeAsync();
        await Redis.DisposeAsync();
    }

    public sealed class Node(string? database, IReadOnlyDictionary<string, string> settings, LogSink logs) : BudgetApp
    {
        public override BudgetControl.Data.DatabaseProvider Provider => BudgetControl.Data.DatabaseProvider.Postgres;

        protected override Task<string> CreateDatabaseAsync() => database is null ? base.CreateDatabaseAsync() : Task.FromResult(database);

        protected override IEnumerable<KeyValuePair<string, string>> Settings => settings;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(s, logs));
        }

        /// <summary>A client of this process for a user signed in anywhere (tokens are valid in every process).</summary>
        public HttpClient ClientFor(TestUser user, Guid? workspace = null)
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.AccessToken);
            if (workspace is { } ws)
            {
                client.DefaultRequestHeaders.Add("X-WS", ws.ToString());
            }
            return client;
        }
    }
}

/// <summary>Keeps the warnings the apps log, so a test can check that a degradation is said out loud.</summary>
public sealed class LogSink : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(_messages);

    public void Dispose()
    {
    }

    private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                messages.Enqueue(formatter(state, exception));
            }
        }
    }
}
