using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests;

/// <summary><c>/api/savings</c>: the original Savings service's reads, served from the saving entries into goals.</summary>
public abstract class SavingsTests(BudgetApp app)
{
    private static async Task<JsonNode> SavingAsync(HttpClient client, Guid wallet, Guid goal, decimal amount, string date, string note)
    {
        var response = await client.PostAsJsonAsync("/api/entry/saving", new { amount, date_time = date, account_id = wallet, goal_id = goal, note });
        var json = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json;
    }

    private static async Task<JsonNode> OkAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var json = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, path + " " + json.ToJsonString());
        return json;
    }

    [Fact]
    public async Task Lists_the_savings_of_the_workspace_by_goal_and_planned_flag()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Savings");
        var client = user.Client(ws);
        var wallet = await app.DefaultWalletAsync(ws);
        var car = await app.AddGoalAsync(ws, "Car");
        var trip = await app.AddGoalAsync(ws, "Trip");
        var first = await SavingAsync(client, wallet, car, 100m, "2026-01-10 10:00", "january");
        var second = await SavingAsync(client, wallet, trip, 25.5m, "2026-02-10 10:00", "february");
        var third = await SavingAsync(client, wallet, car, 40m, "2026-03-10 10:00", "march");
        var future = await SavingAsync(client, wallet, car, 10m, "2099-01-01 10:00", "later");
        var expense = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -5, date_time = "2026-03-11 10:00", account_id = wallet })).Json();

        var all = await OkAsync(client, "/api/savings");
        Assert.Equal([third["uuid"]!.ToString(), second["uuid"]!.ToString(), first["uuid"]!.ToString()], all["data"]!.AsArray().Select(s => s!["uuid"]!.ToString()));
        Assert.Equal(3, (int)all["total"]!);
        Assert.Equal(10, (int)all["per_page"]!);
        Assert.Equal("25.50", all["data"]![1]!["amount"]!.ToJsonString());
        Assert.Equal(trip.ToString(), (string)all["data"]![1]!["goal"]!["uuid"]!);

        var planned = await OkAsync(client, "/api/savings?planned=true");
        Assert.Equal([future["uuid"]!.ToString()], planned["data"]!.AsArray().Select(s => s!["uuid"]!.ToString()));

        var ofCar = await OkAsync(client, $"/api/savings?goal={car}&per_page=1");
        Assert.Equal(third["uuid"]!.ToString(), ofCar["data"]![0]!["uuid"]!.ToString());
        var next = await OkAsync(client, $"/api/savings?goal={car}&per_page=1&cursor={ofCar["next_cursor"]}");
        Assert.Equal(first["uuid"]!.ToString(), next["data"]![0]!["uuid"]!.ToString());
        Assert.Null(next["next_cursor"]);

        var one = await OkAsync(client, $"/api/savings/{second["uuid"]}");
        Assert.Equal("february", (string)one["note"]!);
        await (await client.GetAsync($"/api/savings/{expense["uuid"]}")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/savings?planned=maybe")).Problem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/savings?goal=nope")).Problem(HttpStatusCode.BadRequest);

        // Deleted savings are gone from the list.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/saving/{first["uuid"]}")).StatusCode);
        Assert.Equal(2, (int)(await OkAsync(client, "/api/savings"))["total"]!);
    }

    [Fact]
    public async Task Another_workspace_sees_none_of_the_savings()
    {
        var owner = await app.NewUserAsync();
        var ws = await owner.CreateWorkspaceAsync("Mine");
        var client = owner.Client(ws);
        var goal = await app.AddGoalAsync(ws, "House");
        var saving = await SavingAsync(client, await app.DefaultWalletAsync(ws), goal, 70m, "2026-01-10 10:00", "deposit");

        var stranger = await app.NewUserAsync("Stranger");
        var theirs = stranger.Client(await stranger.CreateWorkspaceAsync("Theirs"));
        Assert.Empty((await OkAsync(theirs, "/api/savings"))["data"]!.AsArray());
        await (await theirs.GetAsync($"/api/savings/{saving["uuid"]}")).Problem(HttpStatusCode.NotFound);
        await (await theirs.GetAsync($"/api/savings?goal={goal}")).Problem(HttpStatusCode.NotFound);
        var intruder = await stranger.Client(ws).GetAsync("/api/savings");
        Assert.True(intruder.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, intruder.StatusCode.ToString());
    }
}

public sealed class SqliteSavingsTests(SqliteApp app) : SavingsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSavingsTests(PostgresApp app) : SavingsTests(app), IClassFixture<PostgresApp>;
