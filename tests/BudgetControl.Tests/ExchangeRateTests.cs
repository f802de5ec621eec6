using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests;

public abstract class ExchangeRateTests(BudgetApp app)
{
    [Fact]
    public async Task A_new_workspace_lists_only_its_base_currency_at_rate_1()
    {
        var (_, _, client) = await OwnerAsync();

        var rates = await ListAsync(client);

        var only = Assert.Single(rates);
        Assert.Equal(2, (int)only!["currency_id"]!);
        Assert.Equal("EUR", (string)only["currency"]!);
        Assert.Equal("1", only["rate"]!.ToJsonString());
        Assert.Equal(0, (int)only["version"]!);
        Assert.Null(only["updated_at"]);
    }

    [Fact]
    public async Task Put_creates_then_updates_a_rate_by_code_or_id()
    {
        var (_, _, client) = await OwnerAsync();

        var created = await client.PutAsJsonAsync("/api/currencies/rates/usd", new { rate = 0.92m });
        var body = await created.Json();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("\"0\"", created.Headers.ETag?.ToString());
        Assert.Equal(1, (int)body["currency_id"]!);
        Assert.Equal("USD", (string)body["currency"]!);
        Assert.Equal("0.92", body["rate"]!.ToJsonString());
        Assert.Equal(0, (int)body["version"]!);
        Assert.NotNull((string?)body["updated_at"]);

        var updated = await (await client.PutAsJsonAsync("/api/currencies/rates/1", new { rate = 1.2345678901m })).Json();
        Assert.Equal("1.2345678901", updated["rate"]!.ToJsonString());
        Assert.Equal(1, (int)updated["version"]!);

        var yen = await (await client.PutAsJsonAsync("/api/currencies/rates/JPY", new { rate = 0.0061m })).Json();
        Assert.Equal("0.0061", yen["rate"]!.ToJsonString());

        var rates = await ListAsync(client);
        Assert.Equal(["EUR", "USD", "JPY"], rates.Select(r => (string)r!["currency"]!));
        Assert.Equal("1.2345678901", rates[1]!["rate"]!.ToJsonString());
        Assert.Equal(1, (int)rates[1]!["version"]!);
        Assert.Equal("0.0061", rates[2]!["rate"]!.ToJsonString());
    }

    [Fact]
    public async Task Put_rejects_bad_rates_with_400_naming_the_field()
    {
        var (_, _, client) = await OwnerAsync();

        foreach (var body in new object[] { new { }, new { rate = 0m }, new { rate = -1.5m }, new { rate = 1.12345678901m }, new { rate = 10_000_000_000m } })
        {
            var problem = await (await client.PutAsJsonAsync("/api/currencies/rates/USD", body)).Problem(HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["rate"]);
        }
        await (await client.PutAsync("/api/currencies/rates/USD", new StringContent("{\"rate\": ", Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
        await (await client.PutAsync("/api/currencies/rates/USD", new StringContent("{\"rate\": \"high\"}", Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
        var badIfMatch = new HttpRequestMessage(HttpMethod.Put, "/api/currencies/rates/USD") { Content = JsonContent.Create(new { rate = 1m }) };
        badIfMatch.Headers.TryAddWithoutValidation("If-Match", "newest");
        Assert.NotNull((await (await client.SendAsync(badIfMatch)).Problem(HttpStatusCode.BadRequest))["errors"]!["If-Match"]);

        Assert.Single(await ListAsync(client));
    }

    [Fact]
    public async Task The_base_currency_rate_is_always_1()
    {
        var owner = await app.NewUserAsync();
        var client = owner.Client(await owner.CreateWorkspaceAsync("Tokyo", new { workspace = new { name = "Tokyo", currency = "JPY" } }));

        var put = await (await client.PutAsJsonAsync("/api/currencies/rates/JPY", new { rate = 2m })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(put["errors"]!["currency"]);
        Assert.NotNull((await (await client.DeleteAsync("/api/currencies/rates/4")).Problem(HttpStatusCode.BadRequest))["errors"]!["currency"]);

        var euro = await (await client.PutAsJsonAsync("/api/currencies/rates/EUR", new { rate = 161.25m })).Json();
        Assert.Equal("161.25", euro["rate"]!.ToJsonString());
        var rates = await ListAsync(client);
        Assert.Equal(["JPY", "EUR"], rates.Select(r => (string)r!["currency"]!));
        Assert.Equal("1", rates[0]!["rate"]!.ToJsonString());
    }

    [Fact]
    public async Task Unknown_currencies_are_404()
    {
        var (_, _, client) = await OwnerAsync();

        await (await client.PutAsJsonAsync("/api/currencies/rates/XYZ", new { rate = 1m })).Problem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync("/api/currencies/rates/999", new { rate = 1m })).Problem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync("/api/currencies/rates/dollar", new { rate = 1m })).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/api/currencies/rates/XYZ")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_version_is_a_409()
    {
        var (_, _, client) = await OwnerAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.9m })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Put("/api/currencies/rates/USD", new { rate = 0.91m }, "\"0\""))).StatusCode);

        await (await client.SendAsync(Put("/api/currencies/rates/USD", new { rate = 0.95m }, "\"0\""))).Problem(HttpStatusCode.Conflict);
        await (await client.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.95m, version = 0 })).Problem(HttpStatusCode.Conflict);
        // Expecting a version of a rate that does not exist (any more) is stale too.
        await (await client.SendAsync(Put("/api/currencies/rates/GBP", new { rate = 1.1m }, "\"3\""))).Problem(HttpStatusCode.Conflict);
        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, "/api/currencies/rates/USD");
        staleDelete.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        await (await client.SendAsync(staleDelete)).Problem(HttpStatusCode.Conflict);

        var rates = await ListAsync(client);
        Assert.Equal(2, rates.Count);
        Assert.Equal("0.91", rates[1]!["rate"]!.ToJsonString());
    }

    [Fact]
    public async Task Delete_forgets_the_rate()
    {
        var (_, _, client) = await OwnerAsync();
        await client.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.9m });

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/currencies/rates/usd")).StatusCode);
        Assert.Single(await ListAsync(client));
        await (await client.DeleteAsync("/api/currencies/rates/USD")).Problem(HttpStatusCode.NotFound);

        var again = await (await client.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.8m })).Json();
        Assert.Equal(0, (int)again["version"]!);
    }

    [Fact]
    public async Task Rates_of_one_workspace_are_never_visible_in_another()
    {
        var owner = await app.NewUserAsync();
        var first = owner.Client(await owner.CreateWorkspaceAsync("First"));
        var second = owner.Client(await owner.CreateWorkspaceAsync("Second"));

        await first.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.9m });
        Assert.Single(await ListAsync(second));
        await (await second.DeleteAsync("/api/currencies/rates/USD")).Problem(HttpStatusCode.NotFound);
        await (await second.SendAsync(Put("/api/currencies/rates/USD", new { rate = 0.5m }, "\"0\""))).Problem(HttpStatusCode.Conflict);

        var own = await (await second.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.5m })).Json();
        Assert.Equal(0, (int)own["version"]!);
        var firstRates = await ListAsync(first);
        Assert.Equal("0.9", firstRates[1]!["rate"]!.ToJsonString());
        Assert.Equal(0, (int)firstRates[1]!["version"]!);

        var stranger = await app.NewUserAsync("Stranger");
        await stranger.CreateWorkspaceAsync("Own");
        var foreign = stranger.Client(Guid.Parse(first.DefaultRequestHeaders.GetValues("X-WS").Single()));
        await (await foreign.GetAsync("/api/currencies/rates")).Problem(HttpStatusCode.NotFound);
        await (await foreign.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 2m })).Problem(HttpStatusCode.NotFound);
        await (await foreign.DeleteAsync("/api/currencies/rates/USD")).Problem(HttpStatusCode.NotFound);
        Assert.Equal("0.9", (await ListAsync(first))[1]!["rate"]!.ToJsonString());
    }

    [Fact]
    public async Task A_viewer_reads_rates_but_cannot_change_them()
    {
        var (owner, workspace, ownerClient) = await OwnerAsync();
        await ownerClient.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.9m });
        var viewer = await app.NewUserAsync("Viewer");
        await owner.ShareAsync(workspace, viewer, "viewer");
        var client = viewer.Client(workspace);

        Assert.Equal(2, (await ListAsync(client)).Count);
        await (await client.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 2m })).Problem(HttpStatusCode.Forbidden);
        await (await client.PutAsJsonAsync("/api/currencies/rates/GBP", new { rate = 2m })).Problem(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync("/api/currencies/rates/USD")).Problem(HttpStatusCode.Forbidden);

        var rates = await ListAsync(ownerClient);
        Assert.Equal(2, rates.Count);
        Assert.Equal("0.9", rates[1]!["rate"]!.ToJsonString());
    }

    [Fact]
    public async Task Entries_in_a_foreign_currency_are_converted_with_the_rate_set_here()
    {
        var (_, workspace, client) = await OwnerAsync();
        var wallet = await app.DefaultWalletAsync(workspace);
        var expense = new { amount = -10.00m, date_time = DateTime.UtcNow.AddDays(-1).ToString("O"), account_id = wallet, currency_id = "USD" };

        await (await client.PostAsJsonAsync("/api/entry/expense", expense)).Problem(HttpStatusCode.BadRequest);

        await client.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.9m });
        var converted = await client.PostAsJsonAsync("/api/entry/expense", expense);
        var body = await converted.Json();
        Assert.True(converted.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("-10.00", body["amount"]!.ToJsonString());
        Assert.Equal("-9.00", body["base_amount"]!.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/currencies/rates/USD")).StatusCode);
        await (await client.PostAsJsonAsync("/api/entry/expense", expense)).Problem(HttpStatusCode.BadRequest);
        Assert.Empty(await app.InconsistenciesAsync(workspace));
    }

    [Fact]
    public async Task Rates_need_a_workspace_while_the_currency_list_does_not()
    {
        await (await app.Anonymous().GetAsync("/api/currencies/rates")).Problem(HttpStatusCode.Unauthorized);
        var user = await app.NewUserAsync();
        await (await user.Client().GetAsync("/api/currencies/rates")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await user.Client().GetAsync("/api/currencies")).StatusCode);
    }

    private async Task<(TestUser Owner, Guid Workspace, HttpClient Client)> OwnerAsync()
    {
        var owner = await app.NewUserAsync("Owner");
        var workspace = await owner.CreateWorkspaceAsync("Travel");
        return (owner, workspace, owner.Client(workspace));
    }

    private static async Task<JsonArray> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/currencies/rates");
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body.AsArray();
    }

    private static HttpRequestMessage Put(string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}

public sealed class SqliteExchangeRateTests(SqliteApp app) : ExchangeRateTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresExchangeRateTests(PostgresApp app) : ExchangeRateTests(app), IClassFixture<PostgresApp>;
