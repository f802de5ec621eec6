using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

public abstract class GoalTests(BudgetApp app)
{
    [Fact]
    public async Task Create_returns_the_goal_in_the_base_currency_with_201()
    {
        var (_, _, client) = await OwnerAsync();

        var response = await client.PostAsJsonAsync("/api/goals/create", new
        {
            name = "Education",
            amount = 15000.00m,
            description = "College education savings",
            due_date = "2026-08-31",
            status = "active",
            category_icon = "fa-solid fa-graduation-cap",
        });
        var goal = await response.Json();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/goals/{goal["uuid"]}", response.Headers.Location?.ToString());
        Assert.Equal("\"0\"", response.Headers.ETag?.ToString());
        Assert.Equal("Education", (string)goal["name"]!);
        Assert.Equal("15000.00", goal["amount"]!.ToJsonString());
        Assert.Equal("0.00", goal["balance"]!.ToJsonString());
        Assert.Equal("EUR", (string)goal["currency"]!);
        Assert.Equal("College education savings", (string)goal["description"]!);
        Assert.Equal("2026-08-31", (string)goal["due_date"]!);
        Assert.Equal("active", (string)goal["status"]!);
        Assert.Equal("fa-solid fa-graduation-cap", (string)goal["category_icon"]!);
        Assert.Equal("0.00", goal["progress"]!.ToJsonString());
        Assert.Equal("15000.00", goal["remaining"]!.ToJsonString());
        Assert.Equal(0, (int)goal["version"]!);
        Assert.NotNull((string?)goal["created_at"]);
        Assert.NotNull((string?)goal["updated_at"]);
        Assert.Null(goal["deleted_at"]);
        Assert.Equal((string)goal["uuid"]!, (string)goal["id"]!); // the original clients pick by id (issue 11)
        Assert.Null(goal["workspace_id"]);

        var read = await client.GetAsync($"/api/goals/{goal["uuid"]}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"0\"", read.Headers.ETag?.ToString());
        var stored = await read.Json();
        Assert.Equal(goal["uuid"]!.ToJsonString(), stored["uuid"]!.ToJsonString());
        Assert.Equal("15000.00", stored["amount"]!.ToJsonString());
        Assert.Equal("2026-08-31", (string)stored["due_date"]!);
    }

    [Fact]
    public async Task Create_needs_only_name_and_amount_and_defaults_to_active()
    {
        var (_, _, client) = await OwnerAsync();

        var goal = await CreateAsync(client, new { name = "  Rainy day  ", amount = 1234.56m });

        Assert.Equal("Rainy day", (string)goal["name"]!);
        Assert.Equal("1234.56", goal["amount"]!.ToJsonString());
        Assert.Equal("active", (string)goal["status"]!);
        Assert.Null(goal["due_date"]);
        Assert.Null(goal["description"]);
        Assert.Null(goal["category_icon"]);
        var read = await (await client.GetAsync($"/api/goals/{goal["uuid"]}")).Json();
        Assert.Equal("1234.56", read["amount"]!.ToJsonString());
    }

    [Fact]
    public async Task Create_rejects_bad_fields_with_400_naming_them()
    {
        var (_, _, client) = await OwnerAsync();

        var empty = await (await client.PostAsJsonAsync("/api/goals/create", new { })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(empty["errors"]!["name"]);
        Assert.NotNull(empty["errors"]!["amount"]);

        var bad = await (await client.PostAsJsonAsync("/api/goals/create", new
        {
            name = new string('n', 256),
            amount = 0m,
            due_date = "2026-02-30",
            status = "deleted",
            description = new string('d', 2001),
            category_icon = new string('i', 256),
        })).Problem(HttpStatusCode.BadRequest);
        var errors = bad["errors"]!.AsObject();
        Assert.Equal(["amount", "category_icon", "description", "due_date", "name", "status"], errors.Select(e => e.Key).Order());

        var negative = await (await client.PostAsJsonAsync("/api/goals/create", new { name = "N", amount = -5m })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(negative["errors"]!["amount"]);

        var tooPrecise = await (await client.PostAsJsonAsync("/api/goals/create", new { name = "P", amount = 0.001m })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("EUR", (string)tooPrecise["errors"]!["amount"]![0]!);

        var blank = await (await client.PostAsJsonAsync("/api/goals/create", new { name = "   ", amount = 10m })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(blank["errors"]!["name"]);

        var malformed = await client.PostAsync("/api/goals/create", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        await malformed.Problem(HttpStatusCode.BadRequest);

        var wrongType = await client.PostAsync("/api/goals/create", new StringContent("{\"name\":\"W\",\"amount\":\"lots\"}", Encoding.UTF8, "application/json"));
        await wrongType.Problem(HttpStatusCode.BadRequest);

        var list = await (await client.GetAsync("/api/goals")).Json();
        Assert.Empty(list.AsArray());
    }

    [Fact]
    public async Task Yen_workspace_takes_whole_amounts_only()
    {
        var owner = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync("Tokyo", new { workspace = new { name = "Tokyo", currency = "JPY" } });
        var client = owner.Client(workspace);

        var fraction = await (await client.PostAsJsonAsync("/api/goals/create", new { name = "Trip", amount = 1.5m })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("JPY", (string)fraction["errors"]!["amount"]![0]!);

        var goal = await CreateAsync(client, new { name = "Trip", amount = 150000m });
        Assert.Equal("150000", goal["amount"]!.ToJsonString());
        Assert.Equal("0", goal["balance"]!.ToJsonString());
        Assert.Equal("JPY", (string)goal["currency"]!);

        var update = await client.PutAsJsonAsync($"/api/goals/update/{goal["uuid"]}", new { amount = 99.9m });
        Assert.NotNull((await update.Problem(HttpStatusCode.BadRequest))["errors"]!["amount"]);
    }

    [Fact]
    public async Task Progress_and_remaining_follow_the_balance_kept_by_entries()
    {
        var (_, _, client) = await OwnerAsync();
        var goal = await CreateAsync(client, new { name = "Car", amount = 10000m });
        var uuid = Guid.Parse((string)goal["uuid"]!);

        await SetBalanceAsync(uuid, 300075); // 3000.75, as saving entries would leave it
        var partial = await (await client.GetAsync($"/api/goals/{uuid}")).Json();
        Assert.Equal("3000.75", partial["balance"]!.ToJsonString());
        Assert.Equal("30.01", partial["progress"]!.ToJsonString());
        Assert.Equal("6999.25", partial["remaining"]!.ToJsonString());

        await SetBalanceAsync(uuid, 1_250_000);
        var over = await (await client.GetAsync($"/api/goals/{uuid}")).Json();
        Assert.Equal("125.00", over["progress"]!.ToJsonString());
        Assert.Equal("0.00", over["remaining"]!.ToJsonString());
    }

    [Fact]
    public async Task Update_changes_only_the_fields_given_and_bumps_the_version()
    {
        var (_, _, client) = await OwnerAsync();
        var goal = await CreateAsync(client, new { name = "House", amount = 50000m, description = "Deposit", due_date = "2030-01-15", category_icon = "home" });
        var uuid = (string)goal["uuid"]!;

        var renamed = await client.PutAsJsonAsync($"/api/goals/update/{uuid}", new { name = "Home", amount = 20000.50m, status = "paused" });
        var body = await renamed.Json();
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("\"1\"", renamed.Headers.ETag?.ToString());
        Assert.Equal("Home", (string)body["name"]!);
        Assert.Equal("20000.50", body["amount"]!.ToJsonString());
        Assert.Equal("paused", (string)body["status"]!);
        Assert.Equal("Deposit", (string)body["description"]!);
        Assert.Equal("2030-01-15", (string)body["due_date"]!);
        Assert.Equal("home", (string)body["category_icon"]!);
        Assert.Equal(1, (int)body["version"]!);

        var cleared = await (await client.PutAsJsonAsync($"/api/goals/update/{uuid}", new { description = (string?)null, due_date = (string?)null, category_icon = (string?)null })).Json();
        Assert.Null(cleared["description"]);
        Assert.Null(cleared["due_date"]);
        Assert.Null(cleared["category_icon"]);
        Assert.Equal("Home", (string)cleared["name"]!);
        Assert.Equal(2, (int)cleared["version"]!);

        var redated = await (await client.PutAsJsonAsync($"/api/goals/update/{uuid}", new { due_date = "2031-12-31 00:00:00", status = "complete" })).Json();
        Assert.Equal("2031-12-31", (string)redated["due_date"]!);
        Assert.Equal("complete", (string)redated["status"]!);
    }

    [Fact]
    public async Task Update_rejects_bad_fields_and_malformed_json_with_400()
    {
        var (_, _, client) = await OwnerAsync();
        var uuid = (string)(await CreateAsync(client, new { name = "Bike", amount = 800m }))["uuid"]!;

        var bad = await (await client.PutAsJsonAsync($"/api/goals/update/{uuid}", new { name = "", amount = 0.001m, status = "deleted", due_date = "tomorrow", description = 5 }))
            .Problem(HttpStatusCode.BadRequest);
        var errors = bad["errors"]!.AsObject();
        Assert.Equal(["amount", "description", "due_date", "name", "status"], errors.Select(e => e.Key).Order());

        var malformed = await client.PutAsync($"/api/goals/update/{uuid}", new StringContent("{\"name\": [", Encoding.UTF8, "application/json"));
        await malformed.Problem(HttpStatusCode.BadRequest);

        var badIfMatch = await client.SendAsync(Put($"/api/goals/update/{uuid}", new { name = "X" }, "yesterday"));
        Assert.NotNull((await badIfMatch.Problem(HttpStatusCode.BadRequest))["errors"]!["If-Match"]);

        var unchanged = await (await client.GetAsync($"/api/goals/{uuid}")).Json();
        Assert.Equal("Bike", (string)unchanged["name"]!);
        Assert.Equal(0, (int)unchanged["version"]!);
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_409()
    {
        var (_, _, client) = await OwnerAsync();
        var uuid = (string)(await CreateAsync(client, new { name = "Boat", amount = 9000m }))["uuid"]!;

        var first = await client.SendAsync(Put($"/api/goals/update/{uuid}", new { name = "Sailboat" }, "\"0\""));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var staleHeader = await client.SendAsync(Put($"/api/goals/update/{uuid}", new { name = "Yacht" }, "\"0\""));
        await staleHeader.Problem(HttpStatusCode.Conflict);
        var staleBody = await client.PutAsJsonAsync($"/api/goals/update/{uuid}", new { name = "Yacht", version = 0 });
        await staleBody.Problem(HttpStatusCode.Conflict);

        var current = await (await client.GetAsync($"/api/goals/{uuid}")).Json();
        Assert.Equal("Sailboat", (string)current["name"]!);
        Assert.Equal(1, (int)current["version"]!);
        var fresh = await client.SendAsync(Put($"/api/goals/update/{uuid}", new { name = "Yacht" }, "W/\"1\""));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("Yacht", (string)(await fresh.Json())["name"]!);
    }

    [Fact]
    public async Task Saving_entries_move_the_balance_and_goal_edits_never_overwrite_it()
    {
        var (_, workspace, client) = await OwnerAsync();
        var goal = (string)(await CreateAsync(client, new { name = "Holiday", amount = 1000m }))["uuid"]!;
        var wallet = await app.DefaultWalletAsync(workspace);
        var before = await (await client.GetAsync($"/api/goals/{goal}")).Json();

        var saving = await client.PostAsJsonAsync("/api/entry/saving", new { amount = 250.50m, date_time = Past(), account_id = wallet, goal_id = goal });
        Assert.True(saving.StatusCode == HttpStatusCode.Created, await saving.Content.ReadAsStringAsync());

        var moved = await (await client.GetAsync($"/api/goals/{goal}")).Json();
        Assert.Equal("250.50", moved["balance"]!.ToJsonString());
        Assert.Equal("25.05", moved["progress"]!.ToJsonString());
        Assert.Equal("749.50", moved["remaining"]!.ToJsonString());

        // An edit based on the read from before the saving only writes its own fields.
        var renamed = await client.SendAsync(Put($"/api/goals/update/{goal}", new { name = "Summer", amount = 1200m }, $"\"{(int)before["version"]!}\""));
        var body = await renamed.Json();
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("250.50", body["balance"]!.ToJsonString());
        Assert.Equal("949.50", body["remaining"]!.ToJsonString());
        Assert.Empty(await app.InconsistenciesAsync(workspace));
    }

    [Fact]
    public async Task List_filters_by_status_and_orders_as_asked()
    {
        var (_, _, client) = await OwnerAsync();
        await CreateAsync(client, new { name = "Bravo", amount = 1m, due_date = "2030-05-01", status = "paused" });
        await CreateAsync(client, new { name = "alpha", amount = 1m, status = "active" });
        await CreateAsync(client, new { name = "Charlie", amount = 1m, due_date = "2028-01-01", status = "complete" });
        await CreateAsync(client, new { name = "Delta", amount = 1m, due_date = "2029-01-01", status = "pending" });

        async Task<List<string>> NamesAsync(string query)
        {
            var response = await client.GetAsync("/api/goals" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Json()).AsArray().Select(g => (string)g!["name"]!).ToList();
        }

        Assert.Equal(["Delta", "Charlie", "alpha", "Bravo"], await NamesAsync(""));
        Assert.Equal(["alpha", "Bravo", "Charlie", "Delta"], await NamesAsync("?order[name]=asc"));
        Assert.Equal(["Delta", "Charlie", "Bravo", "alpha"], await NamesAsync("?order[name]=desc"));
        Assert.Equal(["Charlie", "Delta", "Bravo", "alpha"], await NamesAsync("?order[due_date]=asc"));
        Assert.Equal(["Bravo", "Delta", "Charlie", "alpha"], await NamesAsync("?order[due_date]=desc"));
        Assert.Equal(["Bravo", "alpha", "Charlie", "Delta"], await NamesAsync("?order[created_at]=asc"));
        Assert.Equal(["alpha", "Bravo"], await NamesAsync("?filters[status]=active,paused&order[name]=asc"));
        Assert.Equal(["Charlie"], await NamesAsync("?filters[status]=complete"));

        var unknownFilter = await (await client.GetAsync("/api/goals?filters[amount]=1")).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(unknownFilter["errors"]!["filters[amount]"]);
        var unknownStatus = await (await client.GetAsync("/api/goals?filters[status]=deleted")).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(unknownStatus["errors"]!["filters[status]"]);
        var unknownOrder = await (await client.GetAsync("/api/goals?order[balance]=asc")).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(unknownOrder["errors"]!["order[balance]"]);
        var badDirection = await (await client.GetAsync("/api/goals?order[name]=up")).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(badDirection["errors"]!["order[name]"]);
    }

    [Fact]
    public async Task Delete_is_a_soft_delete_and_saving_entries_keep_their_link()
    {
        var (_, workspace, client) = await OwnerAsync();
        var uuid = Guid.Parse((string)(await CreateAsync(client, new { name = "Phone", amount = 600m }))["uuid"]!);
        var saving = await client.PostAsJsonAsync("/api/entry/saving", new { amount = 50m, date_time = Past(), account_id = await app.DefaultWalletAsync(workspace), goal_id = uuid });
        Assert.True(saving.StatusCode == HttpStatusCode.Created, await saving.Content.ReadAsStringAsync());
        var entry = Guid.Parse((string)(await saving.Json())["uuid"]!);

        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"/api/goals/{uuid}");
        staleDelete.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        await (await client.SendAsync(staleDelete)).Problem(HttpStatusCode.Conflict);

        var deleted = await client.DeleteAsync($"/api/goals/{uuid}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await (await client.GetAsync($"/api/goals/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/goals/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync($"/api/goals/update/{uuid}", new { name = "Again" })).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await client.GetAsync("/api/goals")).Json()).AsArray());

        var (goalDeletedAt, entryGoal) = await app.WithDbAsync(async db =>
        {
            var goal = await db.Goals.IgnoreQueryFilters().SingleAsync(g => g.Uuid == uuid);
            var saving = await db.Entries.SingleAsync(e => e.Uuid == entry);
            return (goal.DeletedAt, saving.GoalId == goal.Id);
        });
        Assert.NotNull(goalDeletedAt);
        Assert.True(entryGoal);
    }

    [Fact]
    public async Task Unknown_and_malformed_goal_ids_are_404()
    {
        var (_, _, client) = await OwnerAsync();

        await (await client.GetAsync($"/api/goals/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/goals/not-a-uuid")).Problem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync("/api/goals/update/not-a-uuid", new { name = "X" })).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/goals/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Goals_need_a_token_and_a_workspace()
    {
        await (await app.Anonymous().GetAsync("/api/goals")).Problem(HttpStatusCode.Unauthorized);
        var user = await app.NewUserAsync();
        await (await user.Client().GetAsync("/api/goals")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_member_of_another_workspace_gets_404_on_every_goal_route_and_changes_nothing()
    {
        var (_, workspace, ownerClient) = await OwnerAsync();
        var uuid = (string)(await CreateAsync(ownerClient, new { name = "Private", amount = 100m }))["uuid"]!;
        var before = await (await ownerClient.GetAsync($"/api/goals/{uuid}")).Json();

        var stranger = await app.NewUserAsync("Stranger");
        var strangerWorkspace = await stranger.CreateWorkspaceAsync("Elsewhere");
        var own = stranger.Client(strangerWorkspace);
        await (await own.GetAsync($"/api/goals/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await own.PutAsJsonAsync($"/api/goals/update/{uuid}", new { name = "Mine" })).Problem(HttpStatusCode.NotFound);
        await (await own.DeleteAsync($"/api/goals/{uuid}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await own.GetAsync("/api/goals")).Json()).AsArray());

        var foreign = stranger.Client(workspace);
        await (await foreign.GetAsync("/api/goals")).Problem(HttpStatusCode.NotFound);
        await (await foreign.GetAsync($"/api/goals/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await foreign.PostAsJsonAsync("/api/goals/create", new { name = "Intruder", amount = 1m })).Problem(HttpStatusCode.NotFound);
        await (await foreign.PutAsJsonAsync($"/api/goals/update/{uuid}", new { name = "Mine" })).Problem(HttpStatusCode.NotFound);
        await (await foreign.DeleteAsync($"/api/goals/{uuid}")).Problem(HttpStatusCode.NotFound);

        Assert.Single((await (await ownerClient.GetAsync("/api/goals")).Json()).AsArray());
        Assert.Equal(before.ToJsonString(), (await (await ownerClient.GetAsync($"/api/goals/{uuid}")).Json()).ToJsonString());
    }

    [Fact]
    public async Task A_viewer_reads_goals_but_every_write_is_403()
    {
        var (owner, workspace, ownerClient) = await OwnerAsync();
        var uuid = (string)(await CreateAsync(ownerClient, new { name = "Shared", amount = 100m }))["uuid"]!;
        var before = await (await ownerClient.GetAsync($"/api/goals/{uuid}")).Json();
        var viewer = await app.NewUserAsync("Viewer");
        await owner.ShareAsync(workspace, viewer, "viewer");
        var client = viewer.Client(workspace);

        Assert.Single((await (await client.GetAsync("/api/goals")).Json()).AsArray());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/goals/{uuid}")).StatusCode);
        await (await client.PostAsJsonAsync("/api/goals/create", new { name = "Viewer's", amount = 1m })).Problem(HttpStatusCode.Forbidden);
        await (await client.PutAsJsonAsync($"/api/goals/update/{uuid}", new { name = "Viewer's" })).Problem(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"/api/goals/{uuid}")).Problem(HttpStatusCode.Forbidden);

        Assert.Single((await (await ownerClient.GetAsync("/api/goals")).Json()).AsArray());
        Assert.Equal(before.ToJsonString(), (await (await ownerClient.GetAsync($"/api/goals/{uuid}")).Json()).ToJsonString());
    }

    [Fact]
    public async Task A_member_can_manage_goals_of_a_shared_workspace()
    {
        var (owner, workspace, _) = await OwnerAsync();
        var member = await app.NewUserAsync("Member");
        await owner.ShareAsync(workspace, member, "member");
        var client = member.Client(workspace);

        var uuid = (string)(await CreateAsync(client, new { name = "Together", amount = 10m }))["uuid"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/goals/update/{uuid}", new { name = "Both" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/goals/{uuid}")).StatusCode);
    }

    private async Task<(TestUser Owner, Guid Workspace, HttpClient Client)> OwnerAsync()
    {
        var owner = await app.NewUserAsync("Owner");
        var workspace = await owner.CreateWorkspaceAsync("Savings");
        return (owner, workspace, owner.Client(workspace));
    }

    private static async Task<JsonNode> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/goals/create", body);
        var goal = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, goal.ToJsonString());
        return goal;
    }

    /// <summary>Moves the balance the way the ledger of the Entries module does: an atomic update of that column only.</summary>
    private Task<int> SetBalanceAsync(Guid goal, long minorUnits) =>
        app.WithDbAsync(db => db.Goals.Where(g => g.Uuid == goal).ExecuteUpdateAsync(s => s.SetProperty(g => g.Balance, minorUnits)));

    private static string Past() => DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static HttpRequestMessage Put(string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}

public sealed class SqliteGoalTests(SqliteApp app) : GoalTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresGoalTests(PostgresApp app) : GoalTests(app), IClassFixture<PostgresApp>;
