using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests;

/// <summary>
/// What the web app's offline queue relies on (web/src/api/client.ts): a write it sends again with the same
/// Idempotency-Key, because the first answer was lost, gets the first answer and changes nothing twice. That
/// covers creates (a budget or goal made twice) and conditional edits and deletes (a replayed edit whose
/// version the first attempt already moved must not come back as a 409).
/// </summary>
public abstract class OfflineReplayTests(BudgetApp app)
{
    private static string Past(int daysAgo = 1) => DateTime.UtcNow.AddDays(-daysAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private async Task<(Guid Wallet, HttpClient Client)> SetupAsync()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Offline");
        return (await app.DefaultWalletAsync(ws), user.Client(ws));
    }

    private static HttpRequestMessage Write(HttpMethod method, string path, object? body, string key)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task A_replayed_edit_gets_the_first_answer_and_moves_the_balance_once()
    {
        var (wallet, client) = await SetupAsync();
        var entry = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -10, date_time = Past(), account_id = wallet })).Json();
        var uuid = (string)entry["uuid"]!;
        var edit = new { amount = -25.50m, date_time = Past(), account_id = wallet, version = (int)entry["version"]! };

        var first = await client.SendAsync(Write(HttpMethod.Put, $"/api/entry/expense/{uuid}", edit, "edit-1"));
        var again = await client.SendAsync(Write(HttpMethod.Put, $"/api/entry/expense/{uuid}", edit, "edit-1"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((int)(await first.Json())["version"]!, (int)(await again.Json())["version"]!);
        Assert.Equal(-2550, await app.WalletBalanceAsync(wallet));

        // The same stale version under a new key is a different write: refused, nothing changes.
        await (await client.SendAsync(Write(HttpMethod.Put, $"/api/entry/expense/{uuid}", edit with { amount = -99m }, "edit-2")))
            .Problem(HttpStatusCode.Conflict);
        // A key reused for another body is refused rather than answered with the first write's result.
        Assert.Equal((HttpStatusCode)422, (await client.SendAsync(Write(HttpMethod.Put, $"/api/entry/expense/{uuid}", edit with { amount = -1m }, "edit-1"))).StatusCode);
        Assert.Equal(-2550, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task A_replayed_wallet_edit_with_its_version_gets_the_first_answer_and_shifts_the_balance_once()
    {
        var (wallet, client) = await SetupAsync();
        var before = await (await client.GetAsync($"/api/wallet/show/{wallet}")).Json();
        var balance = await app.WalletBalanceAsync(wallet);
        var edit = new { name = "Pocket money", color = "#aa3300", opening_balance = "25.00", version = (int)before["version"]! };

        var first = await client.SendAsync(Write(HttpMethod.Put, $"/api/wallet/update/{wallet}", edit, "wallet-edit-1"));
        var again = await client.SendAsync(Write(HttpMethod.Put, $"/api/wallet/update/{wallet}", edit, "wallet-edit-1"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var shown = await (await client.GetAsync($"/api/wallet/show/{wallet}")).Json();
        Assert.Equal("Pocket money", (string)shown["name"]!);
        Assert.Equal("#aa3300", (string)shown["color"]!);
        var openingBefore = (decimal)before["opening_balance"]!;
        Assert.Equal(balance + (long)((25.00m - openingBefore) * 100), await app.WalletBalanceAsync(wallet));

        // The same stale version under a new key is another edit: refused, nothing changes.
        await (await client.SendAsync(Write(HttpMethod.Put, $"/api/wallet/update/{wallet}", edit with { name = "Other" }, "wallet-edit-2")))
            .Problem(HttpStatusCode.Conflict);
        Assert.Equal("Pocket money", (string)(await (await client.GetAsync($"/api/wallet/show/{wallet}")).Json())["name"]!);
    }

    [Fact]
    public async Task A_replayed_delete_is_answered_like_the_first_and_restores_nothing()
    {
        var (wallet, client) = await SetupAsync();
        var entry = await (await client.PostAsJsonAsync("/api/entry/income", new { amount = 40, date_time = Past(), account_id = wallet })).Json();
        var uuid = (string)entry["uuid"]!;
        Assert.Equal(4000, await app.WalletBalanceAsync(wallet));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Write(HttpMethod.Delete, $"/api/entry/{uuid}", null, "delete-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Write(HttpMethod.Delete, $"/api/entry/{uuid}", null, "delete-1"))).StatusCode);
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
        // Without the key the second delete finds nothing to delete.
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/entry/{uuid}")).StatusCode);
    }

    [Fact]
    public async Task Replayed_creates_of_budgets_goals_and_labels_make_one_row_each()
    {
        var (_, client) = await SetupAsync();
        var budget = new { name = "Food", amount = 100, configuration = new { period = "monthly", types = new[] { "expenses" } } };
        var goal = new { name = "Bike", amount = 500 };
        var label = new { name = "weekend", color = "#123456" };
        foreach (var (path, body, list) in new (string, object, string)[]
        {
            ("/api/budget/create", budget, "/api/budgets"),
            ("/api/goals/create", goal, "/api/goals"),
            ("/api/label", label, "/api/label/list"),
        })
        {
            var first = await client.SendAsync(Write(HttpMethod.Post, path, body, $"create {path}"));
            var again = await client.SendAsync(Write(HttpMethod.Post, path, body, $"create {path}"));
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal((string)(await first.Json())["uuid"]!, (string)(await again.Json())["uuid"]!);
            var rows = await (await client.GetAsync(list)).Json();
            Assert.Single((rows is System.Text.Json.Nodes.JsonArray array ? array : rows["data"]!.AsArray()));
        }
    }

    [Fact]
    public async Task A_key_is_the_callers_own_in_their_workspace()
    {
        var (_, ann) = await SetupAsync();
        var (_, bob) = await SetupAsync();
        var goal = new { name = "Bike", amount = 500 };
        var first = await (await ann.SendAsync(Write(HttpMethod.Post, "/api/goals/create", goal, "shared-key"))).Json();
        // The same key in another workspace is another write: Bob gets his own goal, never Ann's answer.
        var other = await bob.SendAsync(Write(HttpMethod.Post, "/api/goals/create", goal, "shared-key"));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.NotEqual((string)first["uuid"]!, (string)(await other.Json())["uuid"]!);
        // And replaying Ann's edit of her goal from Bob's workspace finds nothing there.
        var edit = Write(HttpMethod.Put, $"/api/goals/update/{(string)first["uuid"]!}", new { name = "Car" }, "edit-goal");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.SendAsync(edit)).StatusCode);
    }
}

public sealed class SqliteOfflineReplayTests(SqliteApp app) : OfflineReplayTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresOfflineReplayTests(PostgresApp app) : OfflineReplayTests(app), IClassFixture<PostgresApp>;
