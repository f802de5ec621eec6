using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests;

/// <summary>The labels service: routes, colours, case-insensitive unique names, concurrency and tenancy.</summary>
public abstract class LabelTests(BudgetApp app)
{
    [Fact]
    public async Task A_label_is_created_read_listed_updated_archived_and_deleted()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var create = await client.PostAsJsonAsync("/api/label", new { name = " Food ", color = "#ff0000" });
        var label = await create.Json();
        Assert.True(create.StatusCode == HttpStatusCode.Created, label.ToJsonString());
        Assert.Equal(new[] { "archive", "color", "created_at", "deleted_at", "id", "name", "updated_at", "uuid", "version" }, label.AsObject().Select(p => p.Key).Order());
        Assert.Equal("Food", (string)label["name"]!);
        Assert.Equal("#ff0000", (string)label["color"]!);
        Assert.False((bool)label["archive"]!);
        var uuid = (string)label["uuid"]!;
        Assert.Equal($"/api/label/{uuid}", create.Headers.Location?.ToString());

        var get = await client.GetAsync($"/api/label/{uuid}");
        Assert.Equal(label.ToJsonString(), (await get.Json()).ToJsonString());
        Assert.Equal($"\"{(int)label["version"]!}\"", get.Headers.ETag?.Tag);
        Assert.Equal([uuid], await UuidsAsync(client, ""));

        var updated = await Put(client, uuid, new { name = "Groceries", color = "#00ff0080" });
        Assert.Equal("Groceries", (string)updated["name"]!);
        Assert.Equal("#00ff0080", (string)updated["color"]!);
        Assert.Equal((int)label["version"]! + 1, (int)updated["version"]!);
        var renamedOnly = await Put(client, uuid, new { name = "Shopping" });
        Assert.Equal("#00ff0080", (string)renamedOnly["color"]!);

        var patch = await client.PatchAsJsonAsync($"/api/label/{uuid}", new { archive = true });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.True((bool)(await patch.Json())["archive"]!);
        Assert.False((bool)(await Put(client, uuid, new { archive = false }))["archive"]!);

        var delete = await client.DeleteAsync($"/api/label/{uuid}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(await delete.Content.ReadAsByteArrayAsync());
        await (await client.GetAsync($"/api/label/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/label/{uuid}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty(await UuidsAsync(client, ""));
    }

    [Fact]
    public async Task The_colour_is_kept_defaults_to_black_and_is_validated()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        Assert.Equal("#000000", (string)(await CreateAsync(client, new { name = "Plain" }))["color"]!);
        Assert.Equal("#000000", (string)(await CreateAsync(client, new { name = "Empty", color = "" }))["color"]!);
        Assert.Equal("#AbC", (string)(await CreateAsync(client, new { name = "Short", color = "#AbC" }))["color"]!);
        foreach (var color in new[] { "red", "#12345", "#1234567", "ff0000", "#gggggg" })
        {
            var bad = await client.PostAsJsonAsync("/api/label", new { name = "Bad " + color, color });
            Assert.NotNull((await bad.Problem(HttpStatusCode.BadRequest))["errors"]!["color"]);
        }
        var label = await CreateAsync(client, new { name = "Later" });
        var badUpdate = await client.PutAsJsonAsync($"/api/label/{label["uuid"]}", new { color = "blue" });
        Assert.NotNull((await badUpdate.Problem(HttpStatusCode.BadRequest))["errors"]!["color"]);
    }

    [Fact]
    public async Task Names_are_required_and_unique_among_live_labels_ignoring_case()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        foreach (var body in new object[] { new { }, new { name = "  " }, new { name = new string('n', 256) }, new { name = 5 } })
        {
            var bad = await client.PostAsJsonAsync("/api/label", body);
            Assert.NotNull((await bad.Problem(HttpStatusCode.BadRequest))["errors"]!["name"]);
        }

        var food = await CreateAsync(client, new { name = "Food" });
        await (await client.PostAsJsonAsync("/api/label", new { name = "food" })).Problem(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync("/api/label", new { name = " FOOD " })).Problem(HttpStatusCode.Conflict);

        var travel = await CreateAsync(client, new { name = "Travel" });
        await (await client.PutAsJsonAsync($"/api/label/{travel["uuid"]}", new { name = "fOOd" })).Problem(HttpStatusCode.Conflict);
        Assert.Equal("FOOD", (string)(await Put(client, (string)food["uuid"]!, new { name = "FOOD" }))["name"]!); // its own name, new case

        var (_, _, other) = await NewWorkspaceAsync();
        await CreateAsync(other, new { name = "Food" });

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/label/{food["uuid"]}")).StatusCode);
        await CreateAsync(client, new { name = "food" });
    }

    [Fact]
    public async Task Creating_one_name_concurrently_keeps_a_single_label()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.PostAsJsonAsync("/api/label", new { name = i % 2 == 0 ? "Rent" : "rent" })));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Single(await UuidsAsync(client, ""));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
    }

    [Fact]
    public async Task Patch_changes_only_archive()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var uuid = (string)(await CreateAsync(client, new { name = "Bills" }))["uuid"]!;

        var other = await client.PatchAsJsonAsync($"/api/label/{uuid}", new { archive = true, name = "Renamed" });
        Assert.NotNull((await other.Problem(HttpStatusCode.BadRequest))["errors"]!["name"]);
        Assert.NotNull((await (await client.PatchAsJsonAsync($"/api/label/{uuid}", new { })).Problem(HttpStatusCode.BadRequest))["errors"]!["archive"]);
        Assert.NotNull((await (await client.PatchAsJsonAsync($"/api/label/{uuid}", new { archive = "maybe" })).Problem(HttpStatusCode.BadRequest))["errors"]!["archive"]);
        // An object or an array where a boolean belongs is the same 400 naming the field (LenientBooleanConverter).
        Assert.NotNull((await (await client.PatchAsJsonAsync($"/api/label/{uuid}", new { archive = new { value = true } })).Problem(HttpStatusCode.BadRequest))["errors"]!["archive"]);
        Assert.NotNull((await (await client.PatchAsJsonAsync($"/api/label/{uuid}", new { archive = new[] { true } })).Problem(HttpStatusCode.BadRequest))["errors"]!["archive"]);

        var label = await (await client.GetAsync($"/api/label/{uuid}")).Json();
        Assert.Equal("Bills", (string)label["name"]!);
        Assert.False((bool)label["archive"]!);

        var numeric = await client.PatchAsync($"/api/label/{uuid}", Json("""{"archive": 1}"""));
        Assert.True((bool)(await numeric.Json())["archive"]!);
    }

    [Fact]
    public async Task List_filters_by_archive_orders_and_rejects_unknown_keys()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var b = (string)(await CreateAsync(client, new { name = "Beta" }))["uuid"]!;
        var a = (string)(await CreateAsync(client, new { name = "Alpha" }))["uuid"]!;
        var c = (string)(await CreateAsync(client, new { name = "Gamma" }))["uuid"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/label/{c}", new { archive = true })).StatusCode);

        Assert.Equal([a, b, c], await UuidsAsync(client, ""));
        Assert.Equal([c, b, a], await UuidsAsync(client, "?order[name]=desc"));
        Assert.Equal([b, a, c], await UuidsAsync(client, "?order[created_at]=asc"));
        Assert.Equal([a, b], await UuidsAsync(client, "?filters[archive]=0"));
        Assert.Equal([c], await UuidsAsync(client, "?order[name]=asc&filters[archive]=1"));

        foreach (var (query, key) in new[] { ("filters[color]=red", "filters[color]"), ("filters[archive]=2", "filters[archive]"), ("order[color]=asc", "order[color]"), ("order[name]=sideways", "order[name]") })
        {
            var bad = await client.GetAsync($"/api/label/list?{query}");
            var errors = (await bad.Problem(HttpStatusCode.BadRequest))["errors"]!;
            Assert.True(errors[key] is not null, $"{query}: {errors.ToJsonString()}");
        }
    }

    [Fact]
    public async Task A_stale_version_is_409()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var label = await CreateAsync(client, new { name = "Car" });
        var uuid = (string)label["uuid"]!;
        var version = (int)label["version"]!;
        Assert.Equal("Vehicle", (string)(await Put(client, uuid, new { name = "Vehicle", version }))["name"]!);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/label/{uuid}") { Content = JsonContent.Create(new { name = "Auto" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        await (await client.SendAsync(stale)).Problem(HttpStatusCode.Conflict);
        await (await client.PutAsJsonAsync($"/api/label/{uuid}", new { name = "Auto", version })).Problem(HttpStatusCode.Conflict);
        await (await client.PatchAsJsonAsync($"/api/label/{uuid}", new { archive = true, version })).Problem(HttpStatusCode.Conflict);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/label/{uuid}");
        delete.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        await (await client.SendAsync(delete)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("Vehicle", (string)(await (await client.GetAsync($"/api/label/{uuid}")).Json())["name"]!);
    }

    [Fact]
    public async Task Putting_a_label_on_entries_leaves_the_label_as_it_was_so_an_edit_with_the_version_read_before_succeeds()
    {
        var (_, workspace, client) = await NewWorkspaceAsync();
        var wallet = await app.DefaultWalletAsync(workspace);
        var label = await CreateAsync(client, new { name = "Trip" });
        var uuid = (string)label["uuid"]!;
        var when = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        // By uuid on a create; by name on an update that adds it to an entry (EF Core's save on both engines).
        var tagged = await client.PostAsJsonAsync("/api/entry/expense", new { amount = -5, date_time = when, account_id = wallet, labels = new[] { uuid } });
        Assert.True(tagged.StatusCode == HttpStatusCode.Created, (await tagged.Json()).ToJsonString());
        var plain = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -7, date_time = when, account_id = wallet })).Json();
        var update = await client.PutAsJsonAsync($"/api/entry/expense/{(string)plain["uuid"]!}", new { labels = new[] { "trip" } });
        Assert.True(update.StatusCode == HttpStatusCode.OK, (await update.Json()).ToJsonString());

        var after = await (await client.GetAsync($"/api/label/{uuid}")).Json();
        Assert.Equal(label["version"]!.ToJsonString(), after["version"]!.ToJsonString());
        Assert.Equal(label["updated_at"]!.ToJsonString(), after["updated_at"]!.ToJsonString());
        Assert.Equal("Journey", (string)(await Put(client, uuid, new { name = "Journey", version = (int)label["version"]! }))["name"]!);
    }

    [Fact]
    public async Task Malformed_json_and_non_object_bodies_are_400()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var uuid = (string)(await CreateAsync(client, new { name = "Gifts" }))["uuid"]!;
        await (await client.PostAsync("/api/label", Json("{\"name\": "))).Problem(HttpStatusCode.BadRequest);
        await (await client.PostAsync("/api/label", Json("\"Gifts\""))).Problem(HttpStatusCode.BadRequest);
        await (await client.PutAsync($"/api/label/{uuid}", Json("{\"name\": }"))).Problem(HttpStatusCode.BadRequest);
        await (await client.PatchAsync($"/api/label/{uuid}", Json("[true]"))).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_and_malformed_uuids_are_404_problems_on_every_route()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-uuid" })
        {
            foreach (var (method, path, body) in Routes(id))
            {
                await (await Send(client, method, path, body)).Problem(HttpStatusCode.NotFound);
            }
        }
    }

    [Fact]
    public async Task A_member_of_another_workspace_gets_404_on_every_route_and_changes_nothing()
    {
        var (_, theirWorkspace, theirs) = await NewWorkspaceAsync();
        var target = await CreateAsync(theirs, new { name = "Private", color = "#123456" });
        var uuid = (string)target["uuid"]!;
        var (intruder, _, mine) = await NewWorkspaceAsync();

        foreach (var client in new[] { mine, intruder.Client(theirWorkspace) })
        {
            foreach (var (method, path, body) in Routes(uuid))
            {
                await (await Send(client, method, path, body)).Problem(HttpStatusCode.NotFound);
            }
        }
        Assert.Empty(await UuidsAsync(mine, ""));
        await CreateAsync(mine, new { name = "Private" }); // names are unique per workspace only
        Assert.Equal(target.ToJsonString(), (await (await theirs.GetAsync($"/api/label/{uuid}")).Json()).ToJsonString());
    }

    [Fact]
    public async Task Viewers_read_but_get_403_on_every_write_while_members_write()
    {
        var (owner, workspace, client) = await NewWorkspaceAsync();
        var label = await CreateAsync(client, new { name = "Shared" });
        var uuid = (string)label["uuid"]!;
        var viewer = await ShareAsync(owner, workspace, "viewer");
        var member = await ShareAsync(owner, workspace, "member");

        var reader = viewer.Client(workspace);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/label/list")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/label/{uuid}")).StatusCode);
        await (await reader.PostAsJsonAsync("/api/label", new { name = "Mine" })).Problem(HttpStatusCode.Forbidden);
        foreach (var (method, path, body) in Routes(uuid).Where(r => r.Method != HttpMethod.Get))
        {
            await (await Send(reader, method, path, body)).Problem(HttpStatusCode.Forbidden);
        }
        Assert.Equal(label.ToJsonString(), (await (await client.GetAsync($"/api/label/{uuid}")).Json()).ToJsonString());

        var writer = member.Client(workspace);
        await CreateAsync(writer, new { name = "Member's" });
        Assert.Equal("Renamed", (string)(await Put(writer, uuid, new { name = "Renamed" }))["name"]!);
    }

    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> Routes(string uuid) =>
    [
        (HttpMethod.Get, $"/api/label/{uuid}", null),
        (HttpMethod.Put, $"/api/label/{uuid}", new { name = "Hijacked" }),
        (HttpMethod.Patch, $"/api/label/{uuid}", new { archive = true }),
        (HttpMethod.Delete, $"/api/label/{uuid}", null),
    ];

    private async Task<(TestUser User, Guid Workspace, HttpClient Client)> NewWorkspaceAsync()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync();
        return (user, workspace, user.Client(workspace));
    }

    private async Task<TestUser> ShareAsync(TestUser owner, Guid workspace, string role)
    {
        var user = await app.NewUserAsync();
        var share = await owner.Client().PostAsJsonAsync($"/api/workspace/{workspace}/share", new { user_to_share = user.Email, role });
        Assert.Equal(HttpStatusCode.Created, share.StatusCode);
        return user;
    }

    private static async Task<JsonNode> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/label", body);
        var label = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, label.ToJsonString());
        return label;
    }

    private static async Task<JsonNode> Put(HttpClient client, string uuid, object body)
    {
        var response = await client.PutAsJsonAsync($"/api/label/{uuid}", body);
        var label = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, label.ToJsonString());
        return label;
    }

    private static async Task<List<string>> UuidsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/label/list{query}");
        var list = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, list.ToJsonString());
        return list.AsArray().Select(l => (string)l!["uuid"]!).ToList();
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return client.SendAsync(request);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

public sealed class SqliteLabelTests(SqliteApp app) : LabelTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresLabelTests(PostgresApp app) : LabelTests(app), IClassFixture<PostgresApp>;
