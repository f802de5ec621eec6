using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

public abstract class PlannedEntryTests(BudgetApp app)
{
    private static string Day(int days) => DateTime.UtcNow.Date.AddDays(days).ToString("yyyy-MM-dd'T'09:00:00'Z'", CultureInfo.InvariantCulture);

    private async Task<(TestUser User, Guid Workspace, Guid Wallet, HttpClient Client)> SetupAsync(object? workspace = null)
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Plans", workspace);
        return (user, ws, await app.DefaultWalletAsync(ws), user.Client(ws));
    }

    private static async Task<JsonNode> CreatedAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/entry/planned", body);
        var json = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json;
    }

    [Fact]
    public async Task A_plan_is_created_shown_listed_updated_and_deleted_without_moving_money()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var response = await client.PostAsJsonAsync("/api/entry/planned", new
        {
            date_time = Day(3), end_date_time = Day(400), planning = "monthly", type = "expenses", amount = -850.5m,
            note = "rent", category_id = 3, account_id = wallet, currency_id = "EUR", payment_type = 2, payee_id = "Landlord", labels = new[] { "Home" },
        });
        var created = await response.Json();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uuid = (string)created["uuid"]!;
        Assert.Equal($"/api/entry/planned/{uuid}", response.Headers.Location?.OriginalString);
        Assert.Equal("monthly", (string)created["planning"]!);
        Assert.Equal("expenses", (string)created["type"]!);
        Assert.Equal("-850.50", created["amount"]!.ToJsonString());
        Assert.Equal(Day(3).Replace("Z", "+00:00", StringComparison.Ordinal), (string)created["date_time"]!);
        Assert.Equal(Day(400).Replace("Z", "+00:00", StringComparison.Ordinal), (string)created["end_date_time"]!);
        Assert.True((bool)created["confirmed"]!);
        Assert.False((bool)created["transfer"]!);
        Assert.Equal(3, (int)created["category_id"]!);
        Assert.Equal(wallet.ToString(), (string)created["account_id"]!);
        Assert.Null(created["transfer_id"]);
        Assert.Equal(2, (int)created["currency_id"]!);
        Assert.Equal(2, (int)created["payment_type"]!);
        Assert.Null(created["goal_id"]);
        Assert.Equal("Home", (string)created["labels"]![0]!["name"]!);
        var version = (int)created["version"]!;

        var shown = await client.GetAsync($"/api/entry/planned/{uuid}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal($"\"{version}\"", shown.Headers.ETag?.Tag);
        Assert.Equal(uuid, (string)Assert.Single((await (await client.GetAsync("/api/entry/planned")).Json()).AsArray())!["uuid"]!);

        // A partial update, like a template's: a present null clears an optional field, an absent one (labels, category) stays.
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/entry/planned/{uuid}")
        {
            Content = JsonContent.Create(new { date_time = Day(5), end_date_time = (string?)null, planning = "yearly", type = "incoming", amount = 100, note = (string?)null, payee_id = (string?)null, confirmed = false }),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        var updatedResponse = await client.SendAsync(put);
        var updated = await updatedResponse.Json();
        Assert.Equal(HttpStatusCode.OK, updatedResponse.StatusCode);
        Assert.Equal("yearly", (string)updated["planning"]!);
        Assert.Equal("incoming", (string)updated["type"]!);
        Assert.Equal("100.00", updated["amount"]!.ToJsonString());
        Assert.Null(updated["end_date_time"]);
        Assert.Null(updated["note"]);
        Assert.Null(updated["payee_id"]);
        Assert.False((bool)updated["confirmed"]!);
        Assert.Single(updated["labels"]!.AsArray());
        Assert.Equal(3, (int)updated["category_id"]!);
        Assert.Equal(wallet.ToString(), (string)updated["account_id"]!);
        Assert.Equal(version + 1, (int)updated["version"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/planned/{uuid}")).StatusCode);
        await (await client.GetAsync($"/api/entry/planned/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/entry/planned/{uuid}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await client.GetAsync("/api/entry/planned")).Json()).AsArray());

        // Plans are plans: no entry, no balance.
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
        Assert.Equal(0, (int)(await (await client.GetAsync("/api/entry")).Json())["total"]!);
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Transfer_debit_and_saving_plans_name_their_counterparts_and_move_nothing()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var savings = await app.AddWalletAsync(ws, "Savings");
        var goal = await app.AddGoalAsync(ws);

        var transfer = await CreatedAsync(client, new { date_time = Day(1), planning = "weekly", type = "transfer", amount = 50, category_id = 3, account_id = wallet, transfer_id = savings });
        Assert.Equal(savings.ToString(), (string)transfer["transfer_id"]!);
        Assert.True((bool)transfer["transfer"]!);
        Assert.Equal(75, (int)transfer["category_id"]!);

        var debit = await CreatedAsync(client, new { date_time = Day(1), planning = "monthly", type = "debit", amount = -20, account_id = wallet, payee_id = "Marco" });
        Assert.Equal(55, (int)debit["category_id"]!);
        var payee = Guid.Parse((string)debit["payee_id"]!);
        var again = await CreatedAsync(client, new { date_time = Day(2), planning = "monthly", type = "debit", amount = 20, account_id = wallet, payee_id = "marco" });
        Assert.Equal(payee.ToString(), (string)again["payee_id"]!);
        var payeeWorkspace = await app.WithDbAsync(db => db.Payees.Where(p => p.Uuid == payee).Select(p => db.Workspaces.First(w => w.Id == p.WorkspaceId).Uuid).SingleAsync());
        Assert.Equal(ws, payeeWorkspace);

        var saving = await CreatedAsync(client, new { date_time = Day(1), planning = "daily", type = "saving", amount = 5, account_id = wallet, goal_id = goal });
        Assert.Equal(goal.ToString(), (string)saving["goal_id"]!);
        Assert.Equal(62, (int)saving["category_id"]!);

        var oneShot = await CreatedAsync(client, new { date_time = Day(9), planning = "once-shot", type = "incoming", amount = 1, account_id = wallet });
        Assert.Equal("one-shot", (string)oneShot["planning"]!);

        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
        Assert.Equal(0, await app.WalletBalanceAsync(savings));
        Assert.Equal(0, await app.GoalBalanceAsync(goal));
        Assert.Equal(0, await app.PayeeBalanceAsync(payee));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Bad_plans_are_a_400_naming_every_bad_field()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var missing = await (await client.PostAsJsonAsync("/api/entry/planned", new { note = "x" })).Problem(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "date_time", "planning", "type", "amount", "account_id" })
        {
            Assert.NotNull(missing["errors"]![field]);
        }

        async Task FieldAsync(object body, string field)
        {
            var problem = await (await client.PostAsJsonAsync("/api/entry/planned", body)).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]![field] is not null, problem.ToJsonString());
        }
        await FieldAsync(new { date_time = Day(1), type = "expenses", amount = -1, account_id = wallet }, "planning");
        await FieldAsync(new { date_time = Day(1), planning = "fortnightly", type = "expenses", amount = -1, account_id = wallet }, "planning");
        await FieldAsync(new { date_time = Day(1), planning = "recursively", type = "expenses", amount = -1, account_id = wallet }, "planning");
        await FieldAsync(new { date_time = Day(5), end_date_time = Day(4), planning = "monthly", type = "expenses", amount = -1, account_id = wallet }, "end_date_time");
        await FieldAsync(new { date_time = Day(5), end_date_time = Day(5), planning = "monthly", type = "expenses", amount = -1, account_id = wallet }, "end_date_time");
        await FieldAsync(new { date_time = Day(5), end_date_time = "someday", planning = "monthly", type = "expenses", amount = -1, account_id = wallet }, "end_date_time");
        await FieldAsync(new { date_time = "soon", planning = "monthly", type = "expenses", amount = -1, account_id = wallet }, "date_time");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "transfer", amount = 1, account_id = wallet }, "transfer_id");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "transfer", amount = 1, account_id = wallet, transfer_id = wallet }, "transfer_id");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "debit", amount = 1, account_id = wallet }, "payee_id");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "saving", amount = 1, account_id = wallet }, "goal_id");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "expenses", amount = 5, account_id = wallet }, "amount");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "incoming", amount = -5, account_id = wallet }, "amount");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "transfer", amount = -5, account_id = wallet, transfer_id = await app.AddWalletAsync(ws) }, "amount");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "gifts", amount = 1, account_id = wallet }, "type");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -1, account_id = wallet, category_id = 999 }, "category_id");
        await FieldAsync(new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -1, account_id = wallet, payment_type = 999 }, "payment_type");

        // Every problem of one body at once.
        var several = await (await client.PostAsJsonAsync("/api/entry/planned", new { date_time = Day(5), end_date_time = Day(1), planning = "hourly", type = "expenses", amount = 3, account_id = wallet })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["amount", "end_date_time", "planning"], several["errors"]!.AsObject().Select(e => e.Key).Order());

        // An update is validated like a create (a required field sent as null is refused) and changes nothing when refused.
        var plan = await CreatedAsync(client, new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -1, account_id = wallet });
        var refused = await (await client.PutAsJsonAsync($"/api/entry/planned/{plan["uuid"]}", new { date_time = Day(1), planning = (string?)null, type = "expenses", amount = -2, account_id = wallet })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(refused["errors"]!["planning"]);
        Assert.Equal("-1.00", (await (await client.GetAsync($"/api/entry/planned/{plan["uuid"]}")).Json())["amount"]!.ToJsonString());
        Assert.Single((await (await client.GetAsync("/api/entry/planned")).Json()).AsArray());
    }

    [Fact]
    public async Task A_plan_update_keeps_absent_fields_clears_nulls_and_names_wrong_types()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var plan = await CreatedAsync(client, new
        {
            date_time = Day(3), end_date_time = Day(300), planning = "monthly", type = "expenses", amount = -20, note = "gym",
            category_id = 3, account_id = wallet, payment_type = 2, payee_id = "Gym", labels = new[] { "health" }, confirmed = false,
        });
        var uuid = (string)plan["uuid"]!;

        var partial = await client.PutAsJsonAsync($"/api/entry/planned/{uuid}", new { amount = -25 });
        var updated = await partial.Json();
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal("-25.00", updated["amount"]!.ToJsonString());
        foreach (var field in new[] { "date_time", "end_date_time", "planning", "type", "note", "category_id", "account_id", "payment_type", "payee_id", "confirmed", "currency_id" })
        {
            Assert.True(JsonNode.DeepEquals(plan[field], updated[field]), field);
        }
        Assert.Single(updated["labels"]!.AsArray());

        var cleared = await (await client.PutAsync($"/api/entry/planned/{uuid}", new StringContent(
            "{\"end_date_time\":null,\"note\":null,\"payee_id\":null,\"labels\":null}", System.Text.Encoding.UTF8, "application/json"))).Json();
        Assert.Null(cleared["end_date_time"]);
        Assert.Null(cleared["note"]);
        Assert.Null(cleared["payee_id"]);
        Assert.Empty(cleared["labels"]!.AsArray());
        Assert.Equal("-25.00", cleared["amount"]!.ToJsonString());
        Assert.Equal("monthly", (string)cleared["planning"]!);

        foreach (var field in new[] { "date_time", "planning", "type", "amount", "account_id" })
        {
            var problem = await (await client.PutAsync($"/api/entry/planned/{uuid}", new StringContent(
                $"{{\"{field}\":null}}", System.Text.Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]![field] is not null, problem.ToJsonString());
        }
        var wrong = await (await client.PutAsync($"/api/entry/planned/{uuid}", new StringContent(
            "{\"amount\":\"lots\",\"planning\":7,\"end_date_time\":[],\"confirmed\":\"perhaps\"}", System.Text.Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["amount", "confirmed", "end_date_time", "planning"], wrong["errors"]!.AsObject().Select(e => e.Key).Order());

        var still = await (await client.GetAsync($"/api/entry/planned/{uuid}")).Json();
        Assert.Equal("-25.00", still["amount"]!.ToJsonString());
        Assert.Equal((int)cleared["version"]!, (int)still["version"]!);
    }

    [Fact]
    public async Task A_stale_version_of_a_plan_is_a_409_and_changes_nothing()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var plan = await CreatedAsync(client, new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -1, account_id = wallet });
        var uuid = (string)plan["uuid"]!;
        var version = (int)plan["version"]!;
        var ok = await client.PutAsJsonAsync($"/api/entry/planned/{uuid}", new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -2, account_id = wallet, version });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/entry/planned/{uuid}")
        {
            Content = JsonContent.Create(new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -3, account_id = wallet, payee_id = "New payee", labels = new[] { "new label" } }),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        await (await client.SendAsync(stale)).Problem(HttpStatusCode.Conflict);
        var staleBody = await client.PutAsJsonAsync($"/api/entry/planned/{uuid}", new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -3, account_id = wallet, version });
        await staleBody.Problem(HttpStatusCode.Conflict);
        var badHeader = new HttpRequestMessage(HttpMethod.Put, $"/api/entry/planned/{uuid}") { Content = JsonContent.Create(new { }) };
        badHeader.Headers.TryAddWithoutValidation("If-Match", "\"three\"");
        Assert.NotNull((await (await client.SendAsync(badHeader)).Problem(HttpStatusCode.BadRequest))["errors"]!["If-Match"]);

        var current = await (await client.GetAsync($"/api/entry/planned/{uuid}")).Json();
        Assert.Equal("-2.00", current["amount"]!.ToJsonString());
        Assert.Empty(current["labels"]!.AsArray());
        // The refused request created neither its payee nor its label.
        Assert.Equal(0, await app.WithDbAsync(db => db.Payees.CountAsync(p => p.Name == "New payee")));
        Assert.Equal(0, await app.WithDbAsync(db => db.Labels.CountAsync(l => l.Name == "new label")));
    }

    [Fact]
    public async Task An_idempotency_key_makes_a_retried_plan_create_return_the_first_plan()
    {
        var (_, _, wallet, client) = await SetupAsync();
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/entry/planned")
        {
            Content = JsonContent.Create(new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -9, account_id = wallet }),
            Headers = { { "Idempotency-Key", "plan-rent" } },
        };
        var first = await client.SendAsync(Request());
        var second = await client.SendAsync(Request());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((string)(await first.Json())["uuid"]!, (string)(await second.Json())["uuid"]!);
        Assert.Single((await (await client.GetAsync("/api/entry/planned")).Json()).AsArray());
    }

    [Fact]
    public async Task Plan_lists_filter_by_planning_and_type_and_order()
    {
        var (_, _, wallet, client) = await SetupAsync();
        await CreatedAsync(client, new { date_time = Day(3), planning = "monthly", type = "expenses", amount = -800, account_id = wallet, note = "rent" });
        await CreatedAsync(client, new { date_time = Day(1), planning = "weekly", type = "expenses", amount = -20, account_id = wallet, note = "groceries" });
        await CreatedAsync(client, new { date_time = Day(2), planning = "monthly", type = "incoming", amount = 2000, account_id = wallet, note = "salary" });

        async Task<List<string>> NotesAsync(string query) =>
            (await (await client.GetAsync("/api/entry/planned" + query)).Json()).AsArray().Select(p => (string)p!["note"]!).ToList();
        Assert.Equal(["groceries", "salary", "rent"], await NotesAsync(""));
        Assert.Equal(["rent", "salary", "groceries"], await NotesAsync("?order[date_time]=desc"));
        Assert.Equal(["salary", "groceries", "rent"], await NotesAsync("?order[amount]=desc"));
        Assert.Equal(["groceries", "rent", "salary"], await NotesAsync("?order[name]=asc"));
        Assert.Equal(["salary", "rent"], await NotesAsync("?filters[planning]=monthly"));
        Assert.Equal(["salary"], await NotesAsync("?filters[planning]=monthly&filters[type]=incoming"));
        Assert.Equal(["groceries", "rent"], await NotesAsync("?filters[type]=expenses&order[created_at]=desc&order[amount]=asc"));
        Assert.Equal(["groceries", "salary", "rent"], await NotesAsync($"?filters[account_id]={wallet}&filters[confirmed]=true"));

        Assert.NotNull((await (await client.GetAsync("/api/entry/planned?filters[password]=1")).Problem(HttpStatusCode.BadRequest))["errors"]!["filters[password]"]);
        Assert.NotNull((await (await client.GetAsync("/api/entry/planned?filters[planning]=hourly")).Problem(HttpStatusCode.BadRequest))["errors"]!["filters[planning]"]);
        Assert.NotNull((await (await client.GetAsync("/api/entry/planned?order[balance]=asc")).Problem(HttpStatusCode.BadRequest))["errors"]!["order[balance]"]);
        await (await client.GetAsync("/api/entry/planned?order[date_time]=up")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Plan_dates_are_read_and_shown_in_the_workspace_time_zone()
    {
        var (_, _, wallet, client) = await SetupAsync(new { workspace = new { name = "Tokyo", time_zone = "Asia/Tokyo" } });
        var plan = await CreatedAsync(client, new { date_time = "2030-01-15 09:00", end_date_time = "2031-01-15T09:00:00+01:00", planning = "yearly", type = "expenses", amount = -1, account_id = wallet });
        Assert.Equal("2030-01-15T09:00:00+09:00", (string)plan["date_time"]!);
        Assert.Equal("2031-01-15T17:00:00+09:00", (string)plan["end_date_time"]!);
        var uuid = Guid.Parse((string)plan["uuid"]!);
        var stored = await app.WithDbAsync(db => db.PlannedEntries.Where(p => p.Uuid == uuid).Select(p => p.DateTime).SingleAsync());
        Assert.Equal(new DateTime(2030, 1, 15, 0, 0, 0, DateTimeKind.Utc), stored);
    }

    [Fact]
    public async Task Another_workspace_plans_and_ids_are_404_and_change_nothing()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var stranger = await app.NewUserAsync();
        var theirs = await stranger.CreateWorkspaceAsync("Theirs");
        var theirWallet = await app.DefaultWalletAsync(theirs);
        var theirGoal = await app.AddGoalAsync(theirs);
        var theirClient = stranger.Client(theirs);
        var theirPlan = await CreatedAsync(theirClient, new { date_time = Day(1), planning = "monthly", type = "debit", amount = -5, account_id = theirWallet, payee_id = "Bob", labels = new[] { "private" } });
        var theirUuid = (string)theirPlan["uuid"]!;
        var theirPayee = (string)theirPlan["payee_id"]!;
        var theirLabel = (string)theirPlan["labels"]![0]!["uuid"]!;

        await (await client.GetAsync($"/api/entry/planned/{theirUuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync($"/api/entry/planned/{theirUuid}", new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -1, account_id = wallet })).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/entry/planned/{theirUuid}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await client.GetAsync("/api/entry/planned")).Json()).AsArray());

        await (await client.PostAsJsonAsync("/api/entry/planned", new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -1, account_id = theirWallet })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/planned", new { date_time = Day(1), planning = "monthly", type = "transfer", amount = 1, account_id = wallet, transfer_id = theirWallet })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/planned", new { date_time = Day(1), planning = "monthly", type = "debit", amount = 1, account_id = wallet, payee_id = theirPayee })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/planned", new { date_time = Day(1), planning = "monthly", type = "saving", amount = 1, account_id = wallet, goal_id = theirGoal })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/planned", new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -1, account_id = wallet, labels = new[] { theirLabel } })).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await client.GetAsync($"/api/entry/planned?filters[payee_id]={theirPayee}")).Json()).AsArray());
        Assert.Empty((await (await client.GetAsync("/api/entry/planned")).Json()).AsArray());

        var still = await (await theirClient.GetAsync($"/api/entry/planned/{theirUuid}")).Json();
        Assert.Equal("-5.00", still["amount"]!.ToJsonString());
        Assert.Equal(0, (int)still["version"]!);
        Assert.Equal(0, await app.WalletBalanceAsync(theirWallet));
    }

    [Fact]
    public async Task Viewers_read_plans_but_cannot_write_them()
    {
        var (owner, ws, wallet, client) = await SetupAsync();
        var viewer = await app.NewUserAsync();
        await owner.Client().PostAsJsonAsync($"/api/workspace/{ws}/share", new { user_to_share = viewer.Email, role = "viewer" });
        var plan = await CreatedAsync(client, new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -1, account_id = wallet });
        var viewerClient = viewer.Client(ws);
        Assert.Equal(HttpStatusCode.OK, (await viewerClient.GetAsync($"/api/entry/planned/{plan["uuid"]}")).StatusCode);
        Assert.Single((await (await viewerClient.GetAsync("/api/entry/planned")).Json()).AsArray());
        var body = new { date_time = Day(1), planning = "monthly", type = "expenses", amount = -2, account_id = wallet };
        await (await viewerClient.PostAsJsonAsync("/api/entry/planned", body)).Problem(HttpStatusCode.Forbidden);
        await (await viewerClient.PutAsJsonAsync($"/api/entry/planned/{plan["uuid"]}", body)).Problem(HttpStatusCode.Forbidden);
        await (await viewerClient.DeleteAsync($"/api/entry/planned/{plan["uuid"]}")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("-1.00", (await (await client.GetAsync($"/api/entry/planned/{plan["uuid"]}")).Json())["amount"]!.ToJsonString());
    }
}

public sealed class SqlitePlannedEntryTests(SqliteApp app) : PlannedEntryTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPlannedEntryTests(PostgresApp app) : PlannedEntryTests(app), IClassFixture<PostgresApp>;
