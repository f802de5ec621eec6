using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BudgetControl.Data.Entities;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

public abstract class PayeeTests(BudgetApp app)
{
    [Fact]
    public async Task Create_returns_the_payee_with_a_zero_balance_in_the_base_currency()
    {
        var (_, _, client) = await OwnerAsync();

        var response = await client.PostAsJsonAsync("/api/payees", new { name = "  John Doe " });
        var payee = await response.Json();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/payees/{payee["uuid"]}", response.Headers.Location?.ToString());
        Assert.Equal("John Doe", (string)payee["name"]!);
        Assert.Equal("0.00", payee["balance"]!.ToJsonString());
        Assert.Equal("EUR", (string)payee["currency"]!);
        Assert.Equal(0, (int)payee["version"]!);
        Assert.NotNull((string?)payee["created_at"]);
        Assert.NotNull((string?)payee["updated_at"]);
        Assert.Null(payee["deleted_at"]);
        Assert.Equal((string)payee["uuid"]!, (string)payee["id"]!); // the original clients pick by id (issue 11)
        Assert.Null(payee["workspace_id"]);

        var read = await client.GetAsync($"/api/payees/{payee["uuid"]}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"0\"", read.Headers.ETag?.ToString());
        Assert.Equal("John Doe", (string)(await read.Json())["name"]!);
        var list = (await (await client.GetAsync("/api/payees")).Json()).AsArray();
        Assert.Equal((string)payee["uuid"]!, (string)Assert.Single(list)!["uuid"]!);
    }

    [Fact]
    public async Task Create_and_rename_reject_bad_names_and_malformed_json_with_400()
    {
        var (_, _, client) = await OwnerAsync();

        Assert.NotNull((await (await client.PostAsJsonAsync("/api/payees", new { })).Problem(HttpStatusCode.BadRequest))["errors"]!["name"]);
        Assert.NotNull((await (await client.PostAsJsonAsync("/api/payees", new { name = " " })).Problem(HttpStatusCode.BadRequest))["errors"]!["name"]);
        Assert.NotNull((await (await client.PostAsJsonAsync("/api/payees", new { name = new string('p', 256) })).Problem(HttpStatusCode.BadRequest))["errors"]!["name"]);
        await (await client.PostAsync("/api/payees", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
        await (await client.PostAsync("/api/payees", new StringContent("{\"name\": 12}", Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);

        var uuid = await CreateAsync(client, "Jane");
        Assert.NotNull((await (await client.PutAsJsonAsync($"/api/payees/{uuid}", new { name = "" })).Problem(HttpStatusCode.BadRequest))["errors"]!["name"]);
        await (await client.PutAsync($"/api/payees/{uuid}", new StringContent("{", Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
        var badIfMatch = await client.SendAsync(Put($"/api/payees/{uuid}", new { name = "Janet" }, "latest"));
        Assert.NotNull((await badIfMatch.Problem(HttpStatusCode.BadRequest))["errors"]!["If-Match"]);

        var list = (await (await client.GetAsync("/api/payees")).Json()).AsArray();
        Assert.Equal("Jane", (string)Assert.Single(list)!["name"]!);
    }

    [Fact]
    public async Task A_live_payee_name_is_unique_ignoring_case()
    {
        var (_, _, client) = await OwnerAsync();
        var john = await CreateAsync(client, "John Smith");
        var jane = await CreateAsync(client, "Jane Smith");

        await (await client.PostAsJsonAsync("/api/payees", new { name = "JOHN SMITH" })).Problem(HttpStatusCode.Conflict);
        await (await client.PutAsJsonAsync($"/api/payees/{jane}", new { name = "john smith" })).Problem(HttpStatusCode.Conflict);

        var recased = await client.PutAsJsonAsync($"/api/payees/{john}", new { name = "John SMITH" });
        Assert.Equal(HttpStatusCode.OK, recased.StatusCode);
        Assert.Equal("John SMITH", (string)(await recased.Json())["name"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/debt/{john}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/payees", new { name = "john smith" })).StatusCode);

        // Names are unique per workspace only.
        var (_, _, other) = await OwnerAsync();
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/payees", new { name = "Jane Smith" })).StatusCode);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_make_exactly_one_payee()
    {
        var (_, _, client) = await OwnerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            client.PostAsJsonAsync("/api/payees", new { name = i % 2 == 0 ? "Giulia" : "GIULIA" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Single((await (await client.GetAsync("/api/payees")).Json()).AsArray());
    }

    [Fact]
    public async Task Rename_bumps_the_version_and_a_stale_version_is_a_409()
    {
        var (_, _, client) = await OwnerAsync();
        var uuid = await CreateAsync(client, "Landlord");

        var renamed = await client.SendAsync(Put($"/api/payees/{uuid}", new { name = "Landlady" }, "\"0\""));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("\"1\"", renamed.Headers.ETag?.ToString());
        Assert.Equal(1, (int)(await renamed.Json())["version"]!);

        await (await client.SendAsync(Put($"/api/payees/{uuid}", new { name = "Owner" }, "\"0\""))).Problem(HttpStatusCode.Conflict);
        await (await client.PutAsJsonAsync($"/api/payees/{uuid}", new { name = "Owner", version = 0 })).Problem(HttpStatusCode.Conflict);

        var current = await (await client.GetAsync($"/api/payees/{uuid}")).Json();
        Assert.Equal("Landlady", (string)current["name"]!);
        var fresh = await client.PutAsJsonAsync($"/api/payees/{uuid}", new { name = "Owner", version = 1 });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(2, (int)(await fresh.Json())["version"]!);
    }

    [Fact]
    public async Task Debit_entries_move_the_balance_show_in_debits_and_hold_off_the_delete()
    {
        var (_, workspace, client) = await OwnerAsync();
        var wallet = await app.DefaultWalletAsync(workspace);
        var payee = await CreateAsync(client, "Marco");
        var before = await (await client.GetAsync($"/api/payees/{payee}")).Json();

        // The Entries module finds the payee by name, ignoring case, rather than creating another.
        var lent = await client.PostAsJsonAsync("/api/entry/debit", new { amount = -50.25m, date_time = Past(2), account_id = wallet, payee_id = "marco", note = "dinner" });
        Assert.True(lent.StatusCode == HttpStatusCode.Created, await lent.Content.ReadAsStringAsync());
        var lentUuid = (string)(await lent.Json())["uuid"]!;

        var owing = await (await client.GetAsync($"/api/payees/{payee}")).Json();
        Assert.Equal("-50.25", owing["balance"]!.ToJsonString());
        Assert.Single((await (await client.GetAsync("/api/payees")).Json()).AsArray());
        var item = Assert.Single((await (await client.GetAsync("/api/debits")).Json()).AsArray())!;
        Assert.Equal("-50.25", item["debts"]!["balance"]!.ToJsonString());
        var entry = Assert.Single(item["debts"]!["entries"]!.AsArray())!;
        Assert.Equal(lentUuid, (string)entry["uuid"]!);
        Assert.Equal("-50.25", entry["amount"]!.ToJsonString());
        Assert.Equal("dinner", (string)entry["note"]!);

        // A rename based on the read from before the debit writes only the name.
        var renamed = await client.SendAsync(Put($"/api/payees/{payee}", new { name = "Marco Rossi" }, $"\"{(int)before["version"]!}\""));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("-50.25", (await renamed.Json())["balance"]!.ToJsonString());

        await (await client.DeleteAsync($"/api/debt/{payee}")).Problem(HttpStatusCode.Conflict);
        var back = await client.PostAsJsonAsync("/api/entry/debit", new { amount = 50.25m, date_time = Past(), account_id = wallet, payee_id = payee.ToString() });
        Assert.True(back.StatusCode == HttpStatusCode.Created, await back.Content.ReadAsStringAsync());
        Assert.Equal(2, (await (await client.GetAsync("/api/debits")).Json())[0]!["debts"]!["entries"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/debt/{payee}")).StatusCode);
        Assert.Empty(await app.InconsistenciesAsync(workspace));
    }

    [Fact]
    public async Task Balances_are_exact_decimals_of_the_base_currency()
    {
        var (_, _, client) = await OwnerAsync();
        var uuid = await CreateAsync(client, "Payee 1");
        await SetBalanceAsync(uuid, -187_001);

        var payee = await (await client.GetAsync($"/api/payees/{uuid}")).Json();
        Assert.Equal("-1870.01", payee["balance"]!.ToJsonString());

        var owner = await app.NewUserAsync();
        var yen = owner.Client(await owner.CreateWorkspaceAsync("Tokyo", new { workspace = new { name = "Tokyo", currency = "JPY" } }));
        var yenPayee = await CreateAsync(yen, "Tanaka");
        await SetBalanceAsync(yenPayee, 1500);
        var body = await (await yen.GetAsync($"/api/payees/{yenPayee}")).Json();
        Assert.Equal("1500", body["balance"]!.ToJsonString());
        Assert.Equal("JPY", (string)body["currency"]!);
    }

    [Fact]
    public async Task List_orders_by_name_by_default_and_as_asked()
    {
        var (_, _, client) = await OwnerAsync();
        var charlie = await CreateAsync(client, "Charlie");
        var alpha = await CreateAsync(client, "alpha");
        var bravo = await CreateAsync(client, "Bravo");
        await SetBalanceAsync(charlie, -300);
        await SetBalanceAsync(alpha, 500);
        await SetBalanceAsync(bravo, 0);

        async Task<List<string>> NamesAsync(string query)
        {
            var response = await client.GetAsync("/api/payees" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Json()).AsArray().Select(p => (string)p!["name"]!).ToList();
        }

        Assert.Equal(["alpha", "Bravo", "Charlie"], await NamesAsync(""));
        Assert.Equal(["Charlie", "Bravo", "alpha"], await NamesAsync("?order[name]=desc"));
        Assert.Equal(["Charlie", "Bravo", "alpha"], await NamesAsync("?order[balance]=asc"));
        Assert.Equal(["alpha", "Bravo", "Charlie"], await NamesAsync("?order[balance]=desc"));
        Assert.Equal(["Charlie", "alpha", "Bravo"], await NamesAsync("?order[created_at]=asc"));

        Assert.NotNull((await (await client.GetAsync("/api/payees?order[amount]=asc")).Problem(HttpStatusCode.BadRequest))["errors"]!["order[amount]"]);
        Assert.NotNull((await (await client.GetAsync("/api/payees?order[name]=sideways")).Problem(HttpStatusCode.BadRequest))["errors"]!["order[name]"]);
    }

    [Fact]
    public async Task Delete_is_refused_while_the_payee_has_a_balance()
    {
        var (_, _, client) = await OwnerAsync();
        var uuid = await CreateAsync(client, "Debtor");
        await SetBalanceAsync(uuid, -12_50);

        var refused = await (await client.DeleteAsync($"/api/debt/{uuid}")).Problem(HttpStatusCode.Conflict);
        Assert.Contains("-12.50", (string)refused["detail"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/payees/{uuid}")).StatusCode);

        await SetBalanceAsync(uuid, 0); // the debt was settled by entries
        var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/debt/{uuid}");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"5\"");
        await (await client.SendAsync(stale)).Problem(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/debt/{uuid}")).StatusCode);
        await (await client.GetAsync($"/api/payees/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/debt/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync($"/api/payees/{uuid}", new { name = "Back" })).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await client.GetAsync("/api/payees")).Json()).AsArray());
        Assert.Empty((await (await client.GetAsync("/api/debits")).Json()).AsArray());
        var deletedAt = await app.WithDbAsync(db => db.Payees.IgnoreQueryFilters().Where(p => p.Uuid == uuid).Select(p => p.DeletedAt).SingleAsync());
        Assert.NotNull(deletedAt);
    }

    [Fact]
    public async Task Debits_list_every_payee_with_its_balance_and_debit_entries_newest_first()
    {
        var owner = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync("Rome", new { workspace = new { name = "Rome", time_zone = "Europe/Rome" } });
        var client = owner.Client(workspace);
        var lender = await CreateAsync(client, "Payee 1");
        var quiet = await CreateAsync(client, "Quiet");
        await SetBalanceAsync(lender, -134_800);

        var (older, newer) = await app.WithDbAsync(async db =>
        {
            var payee = await db.Payees.SingleAsync(p => p.Uuid == lender);
            Entry Debit(long amount, DateTime at, EntryType type = EntryType.Debit, DateTime? deletedAt = null) => new()
            {
                WorkspaceId = payee.WorkspaceId, Type = type, Amount = amount, WalletAmount = amount, BaseAmount = amount,
                DateTime = at, Note = "loan", CategoryId = ReferenceIds.DebitSubCategory, PayeeId = payee.Id, DeletedAt = deletedAt,
            };
            var first = Debit(-55_500, new DateTime(2025, 1, 10, 9, 0, 0, DateTimeKind.Utc));
            var second = Debit(-79_300, new DateTime(2025, 7, 1, 22, 30, 0, DateTimeKind.Utc));
            db.Entries.AddRange(first, second,
                Debit(-100, new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), deletedAt: DateTime.UtcNow),
                Debit(-200, new DateTime(2025, 3, 2, 0, 0, 0, DateTimeKind.Utc), EntryType.Expenses));
            second.Planned = true;
            second.Confirmed = false;
            await db.SaveChangesAsync();
            return (first.Uuid, second.Uuid);
        });

        var response = await client.GetAsync("/api/debits");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var debits = (await response.Json()).AsArray();
        Assert.Equal(2, debits.Count);

        var item = debits[0]!;
        Assert.Equal("debit", (string)item["type"]!);
        Assert.Equal(lender.ToString(), (string)item["uuid"]!);
        Assert.Equal("Payee 1", (string)item["name"]!);
        Assert.NotNull((string?)item["created_at"]);
        Assert.Equal("-1348.00", item["debts"]!["balance"]!.ToJsonString());
        var entries = item["debts"]!["entries"]!.AsArray();
        Assert.Equal([newer.ToString(), older.ToString()], entries.Select(e => (string)e!["uuid"]!));
        Assert.Equal("-793.00", entries[0]!["amount"]!.ToJsonString());
        Assert.Equal("2025-07-02T00:30:00+02:00", (string)entries[0]!["date_time"]!);
        Assert.Equal("loan", (string)entries[0]!["note"]!);
        Assert.False((bool)entries[0]!["confirmed"]!);
        Assert.True((bool)entries[0]!["planned"]!);
        Assert.Equal("-555.00", entries[1]!["amount"]!.ToJsonString());
        Assert.Equal("2025-01-10T10:00:00+01:00", (string)entries[1]!["date_time"]!);
        Assert.True((bool)entries[1]!["confirmed"]!);

        Assert.Equal(quiet.ToString(), (string)debits[1]!["uuid"]!);
        Assert.Equal("0.00", debits[1]!["debts"]!["balance"]!.ToJsonString());
        Assert.Empty(debits[1]!["debts"]!["entries"]!.AsArray());
    }

    [Fact]
    public async Task Payees_need_a_token_and_a_workspace()
    {
        await (await app.Anonymous().GetAsync("/api/payees")).Problem(HttpStatusCode.Unauthorized);
        await (await app.Anonymous().GetAsync("/api/debits")).Problem(HttpStatusCode.Unauthorized);
        var user = await app.NewUserAsync();
        await (await user.Client().GetAsync("/api/payees")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_member_of_another_workspace_gets_404_on_every_payee_route_and_changes_nothing()
    {
        var (_, workspace, ownerClient) = await OwnerAsync();
        var uuid = await CreateAsync(ownerClient, "Private");
        var before = await (await ownerClient.GetAsync($"/api/payees/{uuid}")).Json();

        var stranger = await app.NewUserAsync("Stranger");
        var own = stranger.Client(await stranger.CreateWorkspaceAsync("Elsewhere"));
        await (await own.GetAsync($"/api/payees/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await own.PutAsJsonAsync($"/api/payees/{uuid}", new { name = "Mine" })).Problem(HttpStatusCode.NotFound);
        await (await own.DeleteAsync($"/api/debt/{uuid}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await own.GetAsync("/api/payees")).Json()).AsArray());
        Assert.Empty((await (await own.GetAsync("/api/debits")).Json()).AsArray());
        // The same name is free in the stranger's workspace: the other workspace's payees are invisible.
        Assert.Equal(HttpStatusCode.Created, (await own.PostAsJsonAsync("/api/payees", new { name = "Private" })).StatusCode);

        var foreign = stranger.Client(workspace);
        await (await foreign.GetAsync("/api/payees")).Problem(HttpStatusCode.NotFound);
        await (await foreign.GetAsync("/api/debits")).Problem(HttpStatusCode.NotFound);
        await (await foreign.GetAsync($"/api/payees/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await foreign.PostAsJsonAsync("/api/payees", new { name = "Intruder" })).Problem(HttpStatusCode.NotFound);
        await (await foreign.PutAsJsonAsync($"/api/payees/{uuid}", new { name = "Mine" })).Problem(HttpStatusCode.NotFound);
        await (await foreign.DeleteAsync($"/api/debt/{uuid}")).Problem(HttpStatusCode.NotFound);

        Assert.Single((await (await ownerClient.GetAsync("/api/payees")).Json()).AsArray());
        Assert.Equal(before.ToJsonString(), (await (await ownerClient.GetAsync($"/api/payees/{uuid}")).Json()).ToJsonString());
    }

    [Fact]
    public async Task A_viewer_reads_payees_but_every_write_is_403()
    {
        var (owner, workspace, ownerClient) = await OwnerAsync();
        var uuid = await CreateAsync(ownerClient, "Shared");
        var before = await (await ownerClient.GetAsync($"/api/payees/{uuid}")).Json();
        var viewer = await app.NewUserAsync("Viewer");
        await owner.ShareAsync(workspace, viewer, "viewer");
        var client = viewer.Client(workspace);

        Assert.Single((await (await client.GetAsync("/api/payees")).Json()).AsArray());
        Assert.Single((await (await client.GetAsync("/api/debits")).Json()).AsArray());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/payees/{uuid}")).StatusCode);
        await (await client.PostAsJsonAsync("/api/payees", new { name = "Viewer's" })).Problem(HttpStatusCode.Forbidden);
        await (await client.PutAsJsonAsync($"/api/payees/{uuid}", new { name = "Viewer's" })).Problem(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"/api/debt/{uuid}")).Problem(HttpStatusCode.Forbidden);

        Assert.Single((await (await ownerClient.GetAsync("/api/payees")).Json()).AsArray());
        Assert.Equal(before.ToJsonString(), (await (await ownerClient.GetAsync($"/api/payees/{uuid}")).Json()).ToJsonString());
    }

    private async Task<(TestUser Owner, Guid Workspace, HttpClient Client)> OwnerAsync()
    {
        var owner = await app.NewUserAsync("Owner");
        var workspace = await owner.CreateWorkspaceAsync("Debts");
        return (owner, workspace, owner.Client(workspace));
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/payees", new { name });
        var payee = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, payee.ToJsonString());
        return Guid.Parse((string)payee["uuid"]!);
    }

    /// <summary>Moves the balance the way the ledger of the Entries module does: an atomic update of that column only.</summary>
    private Task<int> SetBalanceAsync(Guid payee, long minorUnits) =>
        app.WithDbAsync(db => db.Payees.Where(p => p.Uuid == payee).ExecuteUpdateAsync(s => s.SetProperty(p => p.Balance, minorUnits)));

    private static string Past(int daysAgo = 1) => DateTime.UtcNow.AddDays(-daysAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static HttpRequestMessage Put(string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}

public sealed class SqlitePayeeTests(SqliteApp app) : PayeeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPayeeTests(PostgresApp app) : PayeeTests(app), IClassFixture<PostgresApp>;
