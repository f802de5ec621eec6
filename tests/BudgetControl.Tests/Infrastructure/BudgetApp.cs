using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BudgetControl.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// The all-in-one server under test, on a real database of its own (a fresh SQLite file or a fresh
/// PostgreSQL database) with its own data folder (keys, mail). Shared by the tests of one class; each
/// test creates its own users and workspaces, so tests never see each other's data.
/// </summary>
public abstract class BudgetApp : WebApplicationFactory<Program>, IAsyncLifetime, IApiTarget
{
    public const string Password = "Corr3ct#Horse";

    private string? _connectionString;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "bc-test-" + Guid.NewGuid().ToString("N")[..12]);

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string of the app's database (known once initialised).</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialised yet.");

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    /// <summary>True to hash passwords with the production iteration count.</summary>
    protected virtual bool RealPasswordHashing => false;

    /// <summary>Extra settings for a derived fixture.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _connectionString = await CreateDatabaseAsync();
        Start(); // start now: migrations run here, not inside the first test
    }

    /// <summary>The connection string of this app's database: a new one by default; a fixture may share one.</summary>
    protected virtual async Task<string> CreateDatabaseAsync() => Provider == DatabaseProvider.Postgres
        ? await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync()
        : $"Data Source={Path.Combine(DataDirectory, "budgetcontrol.db")}";

    /// <summary>Starts the server (in memory by default; a fixture may start a real Kestrel instead).</summary>
    protected virtual void Start() => _ = Server;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("BudgetControl:DataDirectory", DataDirectory);
        builder.UseSetting(Provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite", _connectionString);
        builder.UseSetting("RateLimiting:PermitsPerMinute", "0");
        // Reuse of a rotated refresh token is detected at once (production allows a 5 s leeway for retries).
        builder.UseSetting("Auth:RefreshTokenReuseLeeway", "00:00:00");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests run jobs by calling them; the jobs tests that need the scheduler switch it on.
        builder.UseSetting("Jobs:Enabled", "false");
        // The per-wallet writer queue is off by default (docs/performance.md, "One busy wallet"): on here, so its own tests
        // and every PostgreSQL write test go through it.
        builder.UseSetting("Database:WalletWriters", "1");
        // Plain creates of one wallet that wait together go as one command (group commit): on here whatever the default.
        builder.UseSetting("Database:GroupCommit", "64");
        // Hundreds of users are signed up per run: hash with fewer PBKDF2 rounds, except where the
        // authentication tests check the real figure (RealPasswordHashing).
        if (!RealPasswordHashing)
        {
            builder.UseSetting("Auth:PasswordHashIterations", "1000");
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public HttpClient Anonymous() => CreateClient();

    /// <summary>Signs up a new user, confirms the e-mail through the link in the mail, and signs in.</summary>
    public async Task<TestUser> NewUserAsync(string name = "Test User")
    {
        var email = $"u{Guid.NewGuid():N}@example.com";
        var client = Anonymous();
        var signUp = await client.PostAsJsonAsync("/api/auth/sign-up", new { name, email, password = Password, password_confirmation = Password });
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var confirm = await client.GetAsync($"/api/auth/confirm/{await LinkTokenAsync(email, "confirm")}");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        return await SignInAsync(email, Password, name);
    }

    public async Task<TestUser> SignInAsync(string email, string password, string name = "Test User")
    {
        var login = await Anonymous().PostAsJsonAsync("/api/auth/authenticate", new { email, password });
        var body = await login.Json();
        Assert.True(login.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return new TestUser(this, email, name, Guid.Parse(Jwt.Claims((string)body["token"]!)["sub"]!.GetValue<string>()),
            (string)body["token"]!, (string)body["refresh_token"]!);
    }

    /// <summary>The token of the newest account link of a kind ("confirm", "reset-password") mailed to the address.</summary>
    public Task<string> LinkTokenAsync(string email, string kind) => Mailbox.LinkTokenAsync(MailDirectory, email, kind);

    HttpClient IApiTarget.Client() => CreateClient();
}

public sealed class SqliteApp : BudgetApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApp : BudgetApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>SQLite app hashing passwords exactly as production does (210,000 PBKDF2 rounds).</summary>
public sealed class SqliteProductionHashingApp : BudgetApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override bool RealPasswordHashing => true;
}

/// <summary>PostgreSQL app hashing passwords exactly as production does.</summary>
public sealed class PostgresProductionHashingApp : BudgetApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override bool RealPasswordHashing => true;
}

/// <summary>A signed-up, confirmed, signed-in user with a client that sends their access token.</summary>
public sealed class TestUser(BudgetApp app, string email, string name, Guid uuid, string accessToken, string refreshToken)
{
    public string Email { get; } = email;
    public string Name { get; } = name;
    public Guid Uuid { get; } = uuid;
    public string AccessToken { get; } = accessToken;
    public string RefreshToken { get; } = refreshToken;

    /// <summary>A client with the Bearer token and, when given, <c>X-WS</c>.</summary>
    public HttpClient Client(Guid? workspace = null)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (workspace is { } ws)
        {
            client.DefaultRequestHeaders.Add("X-WS", ws.ToString());
        }
        return client;
    }

    /// <summary>Creates a workspace through the API and returns its uuid.</summary>
    public async Task<Guid> CreateWorkspaceAsync(string name = "Home", object? extra = null)
    {
        var response = await Client().PostAsJsonAsync("/api/workspace/create", extra ?? new { workspace = new { name } });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return Guid.Parse((string)body["workspace"]!["uuid"]!);
    }
}

public static class HttpJson
{
    public static async Task<JsonNode> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 problem-details answer with the status and returns its body.</summary>
    public static async Task<JsonObject> Problem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, (int)body["status"]!);
        return body;
    }
}

public static class Jwt
{
    public static JsonObject Claims(string token)
    {
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(part))!.AsObject();
    }
}
