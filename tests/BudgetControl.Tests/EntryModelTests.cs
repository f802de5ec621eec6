using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

public abstract class EntryModelTests(BudgetApp app)
{
    private async Task<(TestUser User, Guid Workspace, Guid Wallet, HttpClient Client)> SetupAsync()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Templates");
        return (user, ws, await app.DefaultWalletAsync(ws), user.Client(ws));
    }

    private static async Task<JsonNode> CreatedAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/entry/model", body);
        var json = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json;
    }

    [Fact]
    public async Task A_model_is_created_shown_listed_updated_partially_and_deleted()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var response = await client.PostAsJsonAsync("/api/entry/model", new
        {
            name = "Groceries", type = "expenses", amount = -12.5m, note = "weekly shop", category_id = 3, account_id = wallet,
            currency_id = "EUR", payment_type = 2, payee_id = "Corner shop", labels = new[] { "Food" },
        });
        var created = await response.Json();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uuid = (string)created["uuid"]!;
        Assert.Equal($"/api/entry/model/{uuid}", response.Headers.Location?.OriginalString);
        Assert.Equal("Groceries", (string)created["name"]!);
        Assert.Equal("expenses", (string)created["type"]!);
        Assert.Equal("-12.50", created["amount"]!.ToJsonString());
        Assert.Equal("weekly shop", (string)created["note"]!);
        Assert.Equal(3, (int)created["category_id"]!);
        Assert.Equal(wallet.ToString(), (string)created["account_id"]!);
        Assert.Equal(2, (int)created["currency_id"]!);
        Assert.Equal(2, (int)created["payment_type"]!);
        Assert.True(Guid.TryParse((string)created["payee_id"]!, out _));
        Assert.Equal("Food", (string)created["labels"]![0]!["name"]!);
        Assert.Null(created["deleted_at"]);
        var version = (int)created["version"]!;

        var shown = await client.GetAsync($"/api/entry/model/{uuid}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal($"\"{version}\"", shown.Headers.ETag?.Tag);
        var list = (await (await client.GetAsync("/api/entry/model")).Json()).AsArray();
        Assert.Equal(uuid, (string)Assert.Single(list)!["uuid"]!);

        // The original's test: a body with only the amount changes only the amount.
        var partial = await client.PutAsJsonAsync($"/api/entry/model/{uuid}", new { amount = -1000 });
        var updated = await partial.Json();
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal("-1000.00", updated["amount"]!.ToJsonString());
        Assert.Equal("Groceries", (string)updated["name"]!);
        Assert.Equal("weekly shop", (string)updated["note"]!);
        Assert.Equal(3, (int)updated["category_id"]!);
        Assert.Equal(wallet.ToString(), (string)updated["account_id"]!);
        Assert.Equal((string)created["payee_id"]!, (string)updated["payee_id"]!);
        Assert.Single(updated["labels"]!.AsArray());
        Assert.Equal(version + 1, (int)updated["version"]!);

        // A present null clears an optional field; absent ones stay.
        var cleared = await (await client.PutAsJsonAsync($"/api/entry/model/{uuid}", new { note = (string?)null, payee_id = (string?)null, labels = Array.Empty<string>() })).Json();
        Assert.Null(cleared["note"]);
        Assert.Null(cleared["payee_id"]);
        Assert.Empty(cleared["labels"]!.AsArray());
        Assert.Equal("-1000.00", cleared["amount"]!.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/model/{uuid}")).StatusCode);
        await (await client.GetAsync($"/api/entry/model/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync($"/api/entry/model/{uuid}", new { amount = -1 })).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/entry/model/{uuid}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await client.GetAsync("/api/entry/model")).Json()).AsArray());

        // Templates never move money.
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task Model_lists_filter_by_type_and_order_by_name_or_amount()
    {
        var (_, _, wallet, client) = await SetupAsync();
        await CreatedAsync(client, new { name = "Rent", type = "expenses", amount = -800, account_id = wallet });
        await CreatedAsync(client, new { name = "Coffee", type = "expenses", amount = -2.5m });
        await CreatedAsync(client, new { name = "Salary", type = "incoming", amount = 2000, account_id = wallet });

        static List<string> Names(JsonNode list) => list.AsArray().Select(m => (string)m!["name"]!).ToList();
        Assert.Equal(["Coffee", "Rent", "Salary"], Names(await (await client.GetAsync("/api/entry/model")).Json()));
        Assert.Equal(["Salary", "Rent", "Coffee"], Names(await (await client.GetAsync("/api/entry/model?order[name]=desc")).Json()));
        Assert.Equal(["Rent", "Coffee", "Salary"], Names(await (await client.GetAsync("/api/entry/model?order[amount]=asc")).Json()));
        Assert.Equal(["Salary"], Names(await (await client.GetAsync("/api/entry/model?filters[type]=incoming")).Json()));
        Assert.Equal(["Rent", "Salary"], Names(await (await client.GetAsync($"/api/entry/model?filters[account_id]={wallet}")).Json()));
        Assert.Equal(["Rent", "Coffee"], Names(await (await client.GetAsync("/api/entry/model?filters[type]=expenses&order[created_at]=asc")).Json()));

        var unknownFilter = await (await client.GetAsync("/api/entry/model?filters[password]=1")).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(unknownFilter["errors"]!["filters[password]"]);
        var unknownOrder = await (await client.GetAsync("/api/entry/model?order[balance]=asc")).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(unknownOrder["errors"]!["order[balance]"]);
        await (await client.GetAsync("/api/entry/model?order[name]=sideways")).Problem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/entry/model?filters[type]=gifts")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_models_are_a_400_naming_the_fields()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var missing = await (await client.PostAsJsonAsync("/api/entry/model", new { note = "x" })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["name"]);
        Assert.NotNull(missing["errors"]!["type"]);
        Assert.NotNull(missing["errors"]!["amount"]);

        async Task FieldAsync(object body, string field) =>
            Assert.NotNull((await (await client.PostAsJsonAsync("/api/entry/model", body)).Problem(HttpStatusCode.BadRequest))["errors"]![field]);
        await FieldAsync(new { name = "X", type = "expenses", amount = 5, account_id = wallet }, "amount");
        await FieldAsync(new { name = "X", type = "incoming", amount = -5 }, "amount");
        await FieldAsync(new { name = "X", type = "saving", amount = 0 }, "amount");
        await FieldAsync(new { name = "X", type = "gifts", amount = 1 }, "type");
        await FieldAsync(new { name = new string('x', 256), type = "expenses", amount = -1 }, "name");
        await FieldAsync(new { name = "X", type = "expenses", amount = -1, category_id = 999 }, "category_id");
        await FieldAsync(new { name = "X", type = "expenses", amount = -1, currency_id = "XXX" }, "currency_id");
        await FieldAsync(new { name = "X", type = "expenses", amount = -1.005m }, "amount");

        // A partial update is checked as a whole: an expense's amount cannot become an income's.
        var model = await CreatedAsync(client, new { name = "Bills", type = "expenses", amount = -30 });
        var asIncome = await (await client.PutAsJsonAsync($"/api/entry/model/{model["uuid"]}", new { type = "incoming" })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(asIncome["errors"]!["amount"]);
        var blankName = await (await client.PutAsJsonAsync($"/api/entry/model/{model["uuid"]}", new { name = " " })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(blankName["errors"]!["name"]);
        var unchanged = await (await client.GetAsync($"/api/entry/model/{model["uuid"]}")).Json();
        Assert.Equal("expenses", (string)unchanged["type"]!);
        Assert.Equal("Bills", (string)unchanged["name"]!);
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task Debit_and_transfer_models_get_their_forced_categories()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var debit = await CreatedAsync(client, new { name = "Loan", type = "debit", amount = -100, category_id = 3, account_id = wallet, payee_id = "Marco" });
        Assert.Equal(55, (int)debit["category_id"]!);
        var transfer = await CreatedAsync(client, new { name = "Move", type = "transfer", amount = 100, account_id = wallet, payee_id = "ignored" });
        Assert.Equal(75, (int)transfer["category_id"]!);
        Assert.Null(transfer["payee_id"]);
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task Labels_named_in_a_model_are_found_or_created_in_the_workspace()
    {
        var (_, ws, _, client) = await SetupAsync();
        var first = await CreatedAsync(client, new { name = "Rent", type = "expenses", amount = -1, labels = new object[] { "Home", new { name = "Monthly", color = "#00ff00" } } });
        Assert.Equal(["Home", "Monthly"], first["labels"]!.AsArray().Select(l => (string)l!["name"]!));
        Assert.Equal("#00ff00", (string)first["labels"]![1]!["color"]!);
        var home = (string)first["labels"]![0]!["uuid"]!;
        var second = await CreatedAsync(client, new { name = "Gas", type = "expenses", amount = -1, labels = new[] { "home" } });
        Assert.Equal(home, (string)second["labels"]![0]!["uuid"]!);

        var owners = await app.WithDbAsync(db => db.Labels.Where(l => l.Name == "Home" || l.Name == "Monthly").Where(l => db.Workspaces.Any(w => w.Uuid == ws && w.Id == l.WorkspaceId)).CountAsync());
        Assert.Equal(2, owners);
    }

    [Fact]
    public async Task A_stale_version_of_a_model_is_a_409_and_changes_nothing()
    {
        var (_, _, _, client) = await SetupAsync();
        var model = await CreatedAsync(client, new { name = "Gym", type = "expenses", amount = -30 });
        var uuid = (string)model["uuid"]!;
        var version = (int)model["version"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/entry/model/{uuid}", new { amount = -35, version })).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/entry/model/{uuid}") { Content = JsonContent.Create(new { amount = -40 }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        await (await client.SendAsync(stale)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("-35.00", (await (await client.GetAsync($"/api/entry/model/{uuid}")).Json())["amount"]!.ToJsonString());
    }

    [Fact]
    public async Task Another_workspace_models_and_ids_are_404_and_change_nothing()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var stranger = await app.NewUserAsync();
        var theirs = await stranger.CreateWorkspaceAsync("Theirs");
        var theirWallet = await app.DefaultWalletAsync(theirs);
        var theirClient = stranger.Client(theirs);
        var theirModel = await CreatedAsync(theirClient, new { name = "Secret", type = "expenses", amount = -5, account_id = theirWallet, payee_id = "Bob", labels = new[] { "private" } });
        var theirUuid = (string)theirModel["uuid"]!;
        var theirPayee = (string)theirModel["payee_id"]!;
        var theirLabel = (string)theirModel["labels"]![0]!["uuid"]!;

        await (await client.GetAsync($"/api/entry/model/{theirUuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync($"/api/entry/model/{theirUuid}", new { amount = -1 })).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/entry/model/{theirUuid}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await client.GetAsync("/api/entry/model")).Json()).AsArray());

        await (await client.PostAsJsonAsync("/api/entry/model", new { name = "X", type = "expenses", amount = -1, account_id = theirWallet })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/model", new { name = "X", type = "expenses", amount = -1, account_id = wallet, payee_id = theirPayee })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/model", new { name = "X", type = "expenses", amount = -1, labels = new[] { theirLabel } })).Problem(HttpStatusCode.NotFound);
        var mine = await CreatedAsync(client, new { name = "Mine", type = "expenses", amount = -1 });
        await (await client.PutAsJsonAsync($"/api/entry/model/{mine["uuid"]}", new { account_id = theirWallet })).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await client.GetAsync($"/api/entry/model?filters[account_id]={theirWallet}")).Json()).AsArray());

        var still = await (await theirClient.GetAsync($"/api/entry/model/{theirUuid}")).Json();
        Assert.Equal("-5.00", still["amount"]!.ToJsonString());
        Assert.Equal(0, (int)still["version"]!);
    }

    [Fact]
    public async Task Viewers_read_models_but_cannot_write_them()
    {
        var (owner, ws, _, client) = await SetupAsync();
        var viewer = await app.NewUserAsync();
        await owner.Client().PostAsJsonAsync($"/api/workspace/{ws}/share", new { user_to_share = viewer.Email, role = "viewer" });
        var model = await CreatedAsync(client, new { name = "Rent", type = "expenses", amount = -1 });
        var viewerClient = viewer.Client(ws);
        Assert.Equal(HttpStatusCode.OK, (await viewerClient.GetAsync($"/api/entry/model/{model["uuid"]}")).StatusCode);
        Assert.Single((await (await viewerClient.GetAsync("/api/entry/model")).Json()).AsArray());
        await (await viewerClient.PostAsJsonAsync("/api/entry/model", new { name = "X", type = "expenses", amount = -1 })).Problem(HttpStatusCode.Forbidden);
        await (await viewerClient.PutAsJsonAsync($"/api/entry/model/{model["uuid"]}", new { amount = -2 })).Problem(HttpStatusCode.Forbidden);
        await (await viewerClient.DeleteAsync($"/api/entry/model/{model["uuid"]}")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("-1.00", (await (await client.GetAsync($"/api/entry/model/{model["uuid"]}")).Json())["amount"]!.ToJsonString());
    }
}

public sealed class SqliteEntryModelTests(SqliteApp app) : EntryModelTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresEntryModelTests(PostgresApp app) : EntryModelTests(app), IClassFixture<PostgresApp>;
