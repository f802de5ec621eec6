using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests.Topology;

/// <summary>
/// One suite, two targets: the same API journeys over HTTP against the all-in-one server (SQLite and
/// PostgreSQL) and against the split topology through nginx over HTTPS (gateway, one process per service).
/// Only the public API is used, so the scenarios cannot tell the targets apart.
/// </summary>
public abstract class TopologyScenarios(IApiTarget target)
{
    public const string Password = "Corr3ct#Horse";

    protected IApiTarget Target { get; } = target;

    /// <summary>Signs up (with the e-mail confirmation link), signs in and creates a workspace.</summary>
    public static async Task<Session> StartSessionAsync(IApiTarget target)
    {
        var email = $"t{Guid.NewGuid():N}@example.com";
        using var anonymous = target.Client();
        var signUp = await anonymous.PostAsJsonAsync("/api/auth/sign-up", new { name = "Topo", email, password = Password, password_confirmation = Password });
        Assert.True(signUp.StatusCode == HttpStatusCode.Created, await signUp.Content.ReadAsStringAsync());
        var confirm = await anonymous.GetAsync($"/api/auth/confirm/{await target.LinkTokenAsync(email, "confirm")}");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var login = await anonymous.PostAsJsonAsync("/api/auth/authenticate", new { email, password = Password });
        var tokens = await login.Json();
        Assert.True(login.StatusCode == HttpStatusCode.OK, tokens.ToJsonString());
        var token = (string)tokens["token"]!;

        var client = target.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var created = await client.PostAsJsonAsync("/api/workspace/create", new { workspace = new { name = "Home", currency = "EUR" } });
        var workspace = await created.Json();
        Assert.True(created.StatusCode == HttpStatusCode.Created, workspace.ToJsonString());
        var uuid = (string)workspace["workspace"]!["uuid"]!;
        client.DefaultRequestHeaders.Add("X-WS", uuid);
        return new Session(client, token, Guid.Parse(uuid), email);
    }

    protected async Task Journey_through_every_money_service_keeps_exact_balances()
    {
        var session = await StartSessionAsync(Target);
        var client = session.Client;

        // Workspace and reference data (the workspace service also hosts "core").
        var workspaces = await OkAsync(client, "/api/workspace/list");
        Assert.Contains(workspaces.AsArray(), w => (string)w!["uuid"]! == session.Workspace.ToString());
        Assert.Contains((await OkAsync(client, "/api/currencies")).AsArray(), c => (string)c!["label"]! == "EUR");
        var userInfo = await OkAsync(client, "/api/auth/user-info");
        Assert.False(string.IsNullOrEmpty((string?)userInfo["token"]));

        // Wallets: the default one and a savings account.
        var checking = (string)(await OkAsync(client, "/api/wallet/list")).AsArray().Single()!["uuid"]!;
        var savings = (string)(await CreatedAsync(client, "/api/wallet/create", new { name = "Savings", type = "bank", balance = 0 }))["uuid"]!;

        // Entries and a transfer, in exact decimals.
        var day = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await CreatedAsync(client, "/api/entry/income", new { amount = 1000.10m, date_time = day, account_id = checking });
        await CreatedAsync(client, "/api/entry/expense", new { amount = -0.30m, date_time = day, account_id = checking });
        var pair = await CreatedAsync(client, "/api/entry/transfer", new { amount = 250.05m, date_time = day, account_id = checking, transfer_id = savings });
        Assert.NotNull(pair["to_this"]);
        Assert.Equal(4, (int)(await OkAsync(client, "/api/entry"))["total"]!); // a transfer is two entries

        Assert.Equal(749.75m, Number((await OkAsync(client, $"/api/wallet/show/{checking}"))["balance"]));
        Assert.Equal(250.05m, Number((await OkAsync(client, $"/api/wallet/show/{savings}"))["balance"]));

        // Statistics, also on the original client's doubled-slash path.
        Assert.Equal(999.80m, Number((await OkAsync(client, "/api/stats/total"))["total"]));
        Assert.Equal(999.80m, Number((await OkAsync(client, "/api//stats/total"))["total"]));

        // A budget over this month's expenses, read back on the clean and the doubled-slash path.
        var budget = await CreatedAsync(client, "/api/budget/create", new { name = "Month", amount = 100, configuration = new { period = "monthly", types = new[] { "expenses" } } });
        var uuid = (string)budget["uuid"]!;
        var stats = await OkAsync(client, $"/api/budget/{uuid}/stats");
        Assert.Equal(100m, Number(stats["total"]));
        Assert.NotNull((await OkAsync(client, $"/api/budget//{uuid}"))["uuid"]);
        Assert.Contains((await OkAsync(client, "/api/budgets")).AsArray(), b => (string)b!["uuid"]! == uuid);

        // Labels and goals answer too; another user's workspace stays invisible.
        await CreatedAsync(client, "/api/label/", new { name = "home" });
        Assert.Single((await OkAsync(client, "/api/label/list")).AsArray());
        var stranger = await StartSessionAsync(Target);
        var foreign = await stranger.Client.GetAsync($"/api/wallet/show/{checking}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    public static async Task<JsonNode> OkAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body.ToJsonString()}");
        return body;
    }

    public static async Task<JsonNode> CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var json = await response.Json();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {json.ToJsonString()}");
        return json;
    }

    public static decimal Number(JsonNode? node) => decimal.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture);
}

/// <summary>A signed-in user's client (Bearer token and X-WS of their new workspace).</summary>
public sealed record Session(HttpClient Client, string Token, Guid Workspace, string Email);

public sealed class AllInOneSqliteScenarios(SqliteApp app) : TopologyScenarios(app), IClassFixture<SqliteApp>
{
    [Fact]
    public Task Journey() => Journey_through_every_money_service_keeps_exact_balances();
}

public sealed class AllInOnePostgresScenarios(PostgresApp app) : TopologyScenarios(app), IClassFixture<PostgresApp>
{
    [Fact]
    public Task Journey() => Journey_through_every_money_service_keeps_exact_balances();
}

[Collection(SplitCollection.Name)]
public sealed class SplitScenarios(SplitTopology split) : TopologyScenarios(split)
{
    [SplitFact]
    public Task Journey() => Journey_through_every_money_service_keeps_exact_balances();
}
