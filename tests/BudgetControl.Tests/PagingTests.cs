using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BudgetControl.Hosting.Api;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

/// <summary>The entries paginator: Laravel's windowed links, totals from counters, the keyset cursor.</summary>
public abstract class PagingTests(BudgetApp app)
{
    private static readonly DateTime Base = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static string At(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private async Task<(Guid Wallet, HttpClient Client)> SetupAsync()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Paging");
        return (await app.DefaultWalletAsync(ws), user.Client(ws));
    }

    [Fact]
    public async Task Links_are_a_window_like_Laravel_not_one_per_page()
    {
        var (wallet, client) = await SetupAsync();
        for (var i = 0; i < 40; i++)
        {
            await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = At(Base.AddHours(-i)), account_id = wallet });
        }

        var page = await (await client.GetAsync("/api/entry?per_page=2&page=10&filters[planned]=0")).Json();
        Assert.Equal(40, (long)page["total"]!);
        Assert.True((bool)page["total_exact"]!);
        Assert.Equal(20, (int)page["last_page"]!);
        var labels = page["links"]!.AsArray().Select(l => (string)l!["label"]!).ToList();
        Assert.Equal(["&laquo; Previous", "1", "2", "...", "7", "8", "9", "10", "11", "12", "13", "...", "19", "20", "Next &raquo;"], labels);
        Assert.Single(page["links"]!.AsArray(), l => (bool)l!["active"]! && (string)l["label"]! == "10");
        Assert.Equal("/?page=11", (string)page["next_page_url"]!);
        Assert.Equal("/?page=9", (string)page["prev_page_url"]!);
        Assert.Equal(19, (int)page["from"]!);
        Assert.Equal(20, (int)page["to"]!);
        Assert.NotNull((string?)page["next_cursor"]);

        var last = await (await client.GetAsync("/api/entry?per_page=2&page=20")).Json();
        Assert.Null(last["next_page_url"]);
        Assert.Null(last["next_cursor"]);
    }

    [Fact]
    public async Task A_listed_entry_is_the_shown_entry_byte_for_byte_with_every_relation_and_none_deleted()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Shapes");
        var client = user.Client(ws);
        var wallet = await app.DefaultWalletAsync(ws);
        var savings = await app.AddWalletAsync(ws, "Savings");
        var goal = await app.AddGoalAsync(ws);
        var gone = await app.AddGoalAsync(ws, "Gone");
        async Task<System.Text.Json.Nodes.JsonNode> Post(string type, object body)
        {
            var response = await client.PostAsJsonAsync($"/api/entry/{type}", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.Json();
        }
        var expense = await Post("expense", new
        {
            amount = -5.25m, date_time = At(Base), account_id = wallet, category_id = 3, note = "lunch", payee_id = "Shop", waranty = true,
            labels = new object[] { "zeta", "Alpha", new { name = "mid", color = "#ff0000" } }, geolocation = new { lat = 45.1, lng = 9.2 },
        });
        await Post("transfer", new { amount = 100, date_time = At(Base.AddHours(-1)), account_id = wallet, transfer_id = savings, labels = new[] { "home" } });
        await Post("saving", new { amount = 20.5m, date_time = At(Base.AddHours(-2)), account_id = wallet, goal_id = goal });
        await Post("saving", new { amount = 1, date_time = At(Base.AddHours(-3)), account_id = wallet, goal_id = gone });
        await Post("expense", new { amount = -1, date_time = At(Base.AddHours(-4)), account_id = wallet, payee_id = "Closed", labels = new[] { "dropped", "kept" } });
        await Post("income", new { amount = 3, date_time = At(Base.AddHours(-5)), account_id = savings });
        // Rows an entry still refers to, deleted since: the list leaves them out as the single entry's answer does.
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            await db.Goals.Where(g => g.Uuid == gone).ExecuteUpdateAsync(s => s.SetProperty(g => g.DeletedAt, now));
            var workspace = await db.Workspaces.Where(w => w.Uuid == ws).Select(w => w.Id).SingleAsync();
            await db.Payees.Where(p => p.WorkspaceId == workspace && p.Name == "Closed").ExecuteUpdateAsync(s => s.SetProperty(p => p.DeletedAt, now));
            await db.Labels.Where(l => l.WorkspaceId == workspace && l.Name == "dropped").ExecuteUpdateAsync(s => s.SetProperty(l => l.DeletedAt, now));
            return await db.Wallets.Where(w => w.Uuid == savings).ExecuteUpdateAsync(s => s.SetProperty(w => w.DeletedAt, now));
        });

        var listed = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var list in new[] { "/api/entry?per_page=30&page=1", "/api/entry?per_page=30&page=1&filters[planned]=0", "/api/entry?per_page=2&page=2", "/api/entry?filters[type]=saving,transfer" })
        {
            listed.AddRange((await (await client.GetAsync(list)).Json())["data"]!.AsArray().Select(e => e!));
        }
        var cursor = (string)(await (await client.GetAsync("/api/entry?per_page=3")).Json())["next_cursor"]!;
        listed.AddRange((await (await client.GetAsync($"/api/entry?per_page=3&cursor={Uri.EscapeDataString(cursor)}")).Json())["data"]!.AsArray().Select(e => e!));
        Assert.Equal(7 + 7 + 2 + 4 + 3, listed.Count);
        foreach (var item in listed)
        {
            var shown = await (await client.GetAsync($"/api/entry/{item["uuid"]}")).Json();
            Assert.Equal(shown.ToJsonString(), item.ToJsonString());
        }

        // The shape itself, pinned: every property of an entry in a list, in order, and its relations' fields.
        var first = listed[0].AsObject();
        Assert.Equal((string)expense["uuid"]!, (string)first["uuid"]!);
        Assert.Equal(
            ["uuid", "type", "amount", "wallet_amount", "base_amount", "date_time", "note", "waranty", "transfer", "confirmed", "planned", "installment",
             "exclude_from_stats", "category_id", "account_id", "transfer_id", "transfer_relation", "currency_id", "payment_type_id", "payee_id", "goal_id",
             "geolocation", "labels", "wallet", "sub_category", "currency", "payment_type", "payee", "goal", "version", "created_at", "updated_at", "deleted_at"],
            first.Select(p => p.Key).ToList());
        Assert.Equal(["Alpha", "mid", "zeta"], first["labels"]!.AsArray().Select(l => (string)l!["name"]!).ToList());
        Assert.Equal(["id", "uuid", "name", "color"], first["labels"]![1]!.AsObject().Select(p => p.Key).ToList());
        Assert.Equal("#ff0000", (string)first["labels"]![1]!["color"]!);
        Assert.Equal(["id", "uuid", "name", "type", "currency"], first["wallet"]!.AsObject().Select(p => p.Key).ToList());
        Assert.Equal(wallet.ToString(), (string)first["wallet"]!["id"]!);
        Assert.Equal(["id", "uuid", "name"], first["payee"]!.AsObject().Select(p => p.Key).ToList());
        Assert.Equal("Shop", (string)first["payee"]!["name"]!);
        Assert.Equal(["id", "uuid", "name", "slug", "category_id", "exclude_from_stats", "category"], first["sub_category"]!.AsObject().Select(p => p.Key).ToList());
        Assert.Equal(["id", "name", "label", "icon", "minor_units"], first["currency"]!.AsObject().Select(p => p.Key).ToList());
        Assert.Equal(["id", "name", "slug"], first["payment_type"]!.AsObject().Select(p => p.Key).ToList());
        // Newest first: the expense, the transfer's two sides, the savings, the expense whose payee and a label were deleted, the income.
        var page = listed.Take(7).ToList();
        Assert.Equal(["expenses", "transfer", "transfer", "saving", "saving", "expenses", "incoming"], page.Select(e => (string)e["type"]!).ToList());
        Assert.Equal("Holiday", (string)page[3]["goal"]!["name"]!);
        Assert.Equal(goal.ToString(), (string)page[3]["goal_id"]!);
        Assert.Null(page[4]["goal"]); // a deleted goal
        Assert.Null(page[5]["payee"]); // a deleted payee
        Assert.Equal(["kept"], page[5]["labels"]!.AsArray().Select(l => (string)l!["name"]!).ToList()); // a deleted label
        Assert.Null(page[6]["wallet"]); // a deleted wallet
    }

    [Fact]
    public void The_window_matches_Laravel_at_both_ends_and_in_the_middle()
    {
        Assert.Equal([1, 2, 3, 4, 5], Pagination.Window(3, 5));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null, 33333, 33334], Pagination.Window(1, 33334));
        Assert.Equal([1, 2, null, 4997, 4998, 4999, 5000, 5001, 5002, 5003, null, 33333, 33334], Pagination.Window(5000, 33334));
        Assert.Equal([1, 2, null, 33325, 33326, 33327, 33328, 33329, 33330, 33331, 33332, 33333, 33334], Pagination.Window(33334, 33334));
    }

    [Fact]
    public async Task Totals_come_from_counters_for_type_planned_and_wallet_and_follow_every_write()
    {
        var (wallet, client) = await SetupAsync();
        var second = (string)(await (await client.PostAsJsonAsync("/api/wallet/create", new { name = "Cash", type = "cache" })).Json())["uuid"]!;
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((string)(await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -2, date_time = At(Base.AddDays(-i)), account_id = wallet })).Json())["uuid"]!);
        }
        await client.PostAsJsonAsync("/api/entry/income", new { amount = 9, date_time = At(Base), account_id = second });
        await client.PostAsJsonAsync("/api/entry/expense", new { amount = -3, date_time = At(DateTime.UtcNow.AddDays(20)), account_id = wallet });

        async Task<long> Total(string query) => (long)(await (await client.GetAsync("/api/entry?" + query)).Json())["total"]!;
        Assert.Equal(7, await Total(""));
        Assert.Equal(6, await Total("filters[planned]=0"));
        Assert.Equal(1, await Total("filters[planned]=1"));
        Assert.Equal(5, await Total("filters[planned]=0&filters[type]=expenses"));
        Assert.Equal(1, await Total($"filters[account_id]={second}"));
        Assert.Equal(0, await Total("planned=1&filters[planned]=0"));

        // Delete, restore, move to the other wallet and change type: the counters follow.
        await client.DeleteAsync($"/api/entry/{created[0]}");
        Assert.Equal(4, await Total("filters[type]=expenses&filters[planned]=0"));
        await client.PatchAsync($"/api/entry/{created[0]}/restore", null);
        Assert.Equal(5, await Total("filters[type]=expenses&filters[planned]=0"));
        await client.PutAsJsonAsync($"/api/entry/income/{created[1]}", new { amount = 2, date_time = At(Base), account_id = second });
        Assert.Equal(4, await Total("filters[type]=expenses&filters[planned]=0"));
        Assert.Equal(2, await Total($"filters[account_id]={second}"));
        var workspace = await app.WithDbAsync(db => Task.FromResult(db.Wallets.Where(w => w.Uuid == Guid.Parse(second)).Select(w => db.Workspaces.First(x => x.Id == w.WorkspaceId).Uuid).First()));
        Assert.Empty(await app.InconsistenciesAsync(workspace));
    }

    [Fact]
    public async Task The_cursor_skips_and_repeats_nothing_while_entries_are_added()
    {
        var (wallet, client) = await SetupAsync();
        var original = new HashSet<string>();
        for (var i = 0; i < 23; i++)
        {
            // Groups of three share one instant: the id breaks the tie.
            var body = new { amount = -1, date_time = At(Base.AddHours(-(i / 3))), account_id = wallet };
            original.Add((string)(await (await client.PostAsJsonAsync("/api/entry/expense", body)).Json())["uuid"]!);
        }

        var seen = new List<string>();
        string? cursor = null;
        var round = 0;
        do
        {
            var page = await (await client.GetAsync("/api/entry?per_page=4" + (cursor is null ? "" : "&cursor=" + cursor))).Json();
            seen.AddRange(page["data"]!.AsArray().Select(e => (string)e!["uuid"]!));
            cursor = (string?)page["next_cursor"];
            // Meanwhile others add entries: newer ones, and ones at an instant that is being paged through.
            await client.PostAsJsonAsync("/api/entry/expense", new { amount = -5, date_time = At(Base.AddHours(1 + round)), account_id = wallet });
            await client.PostAsJsonAsync("/api/entry/expense", new { amount = -5, date_time = At(Base.AddHours(-round)), account_id = wallet });
            round++;
        }
        while (cursor is not null && round < 50);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), original);

        await (await client.GetAsync("/api/entry?cursor=not-a-cursor")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wallet_list_pages_by_cursor_in_order_and_a_date_range_keeps_its_exact_total_on_every_page()
    {
        var (wallet, client) = await SetupAsync();
        var other = (string)(await (await client.PostAsJsonAsync("/api/wallet/create", new { name = "Cash", type = "cache" })).Json())["uuid"]!;
        async Task<string> Post(string type, object body) => (string)(await (await client.PostAsJsonAsync($"/api/entry/{type}", body)).Json())["uuid"]!;
        // Two expenses a day on the wallet (sharing an instant: the id breaks the tie), one a day on the other wallet, an
        // income, a planned (future) expense and a deleted one on the wallet: the original client's list of the wallet's
        // unplanned expenses is the first twelve but the deleted one, newest first.
        var expected = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            expected.Insert(i % 2 == 0 ? expected.Count : expected.Count - 1, await Post("expense", new { amount = -1 - i, date_time = At(Base.AddDays(-(i / 2))), account_id = wallet }));
            if (i % 2 == 0)
            {
                await Post("expense", new { amount = -2, date_time = At(Base.AddDays(-(i / 2)).AddHours(-1)), account_id = other });
            }
        }
        await Post("income", new { amount = 7, date_time = At(Base.AddDays(-2).AddHours(-2)), account_id = wallet });
        await Post("expense", new { amount = -3, date_time = At(DateTime.UtcNow.AddDays(20)), account_id = wallet });
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/{expected[4]}")).StatusCode);
        expected.RemoveAt(4);

        // A date range (local days, end included): nine rows of both wallets, the income among them, the deleted one not;
        // its total is the rows' exact count on the first page, after a cursor and on a page past the end.
        var range = "/api/entry?per_page=2&filters[planned]=0&date_from=2025-05-29&date_to=2025-05-31";
        var first = await (await client.GetAsync(range)).Json();
        var next = await (await client.GetAsync(range + "&cursor=" + (string)first["next_cursor"]!)).Json();
        var beyond = await (await client.GetAsync(range + "&page=9")).Json();
        foreach (var page in new[] { first, next, beyond })
        {
            Assert.Equal(9, (long)page["total"]!);
            Assert.True((bool)page["total_exact"]!);
        }
        Assert.Equal(5, (int)first["last_page"]!);
        Assert.Equal(2, next["data"]!.AsArray().Count);
        Assert.Empty(beyond["data"]!.AsArray());

        var list = $"/api/entry?per_page=4&filters[planned]=0&filters[type]=expenses&filters[account_id]={wallet}";
        var seen = new List<string>();
        string? cursor = null;
        var round = 0;
        do
        {
            var page = await (await client.GetAsync(list + (cursor is null ? "" : "&cursor=" + cursor))).Json();
            if (round == 0)
            {
                Assert.Equal(expected.Count, (long)page["total"]!);
                Assert.True((bool)page["total_exact"]!);
            }
            var data = page["data"]!.AsArray();
            seen.AddRange(data.Select(e => (string)e!["uuid"]!));
            cursor = (string?)page["next_cursor"];
            // Meanwhile others add entries that this list must not show: newer ones, ones at the instant of the page's last row
            // (created later, so ordered before it), and ones on the other wallet.
            var lastAt = (string)data[^1]!["date_time"]!;
            await Post("expense", new { amount = -5, date_time = At(Base.AddDays(1 + round)), account_id = wallet });
            await Post("expense", new { amount = -5, date_time = lastAt, account_id = wallet });
            await Post("expense", new { amount = -5, date_time = lastAt, account_id = other });
            round++;
        }
        while (cursor is not null && round < 20);
        Assert.Equal(expected, seen);

        // Another workspace's wallet matches nothing, with or without the counters' filters.
        var (foreign, foreignClient) = await SetupAsync();
        Assert.Equal(HttpStatusCode.Created, (await foreignClient.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = At(Base), account_id = foreign })).StatusCode);
        foreach (var query in new[] { $"filters[account_id]={foreign}", $"filters[planned]=0&filters[type]=expenses&filters[account_id]={foreign}", $"filters[account_id]={foreign}&q=x" })
        {
            var page = await (await client.GetAsync("/api/entry?" + query)).Json();
            Assert.Empty(page["data"]!.AsArray());
            Assert.Equal(0, (long)page["total"]!);
        }
    }

    [Fact]
    public async Task A_range_with_more_rows_than_the_count_limit_gives_a_lower_bound_and_still_pages_on()
    {
        var (wallet, client) = await SetupAsync();
        const int Created = Pagination.CountLimit + 50;
        for (var batch = 0; batch < Created / 50; batch++)
        {
            var posts = await Task.WhenAll(Enumerable.Range(batch * 50, 50).Select(i =>
                client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = At(Base.AddMinutes(-i)), account_id = wallet })));
            Assert.All(posts, p => Assert.Equal(HttpStatusCode.Created, p.StatusCode));
        }

        var range = await (await client.GetAsync("/api/entry?per_page=30&filters[planned]=0&date_from=2025-05-30&date_to=2025-06-02")).Json();
        Assert.Equal(Pagination.CountLimit, (long)range["total"]!);
        Assert.False((bool)range["total_exact"]!);
        Assert.NotNull((string?)range["next_cursor"]);
        Assert.Equal(30, range["data"]!.AsArray().Count);
        // The counters still answer the lists they know, exactly.
        var typed = await (await client.GetAsync("/api/entry?per_page=30&filters[planned]=0&filters[type]=expenses")).Json();
        Assert.Equal(Created, (long)typed["total"]!);
        Assert.True((bool)typed["total_exact"]!);
    }

    [Fact]
    public async Task Filters_that_no_counter_answers_still_give_an_exact_total_when_small()
    {
        var (wallet, client) = await SetupAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = At(Base.AddDays(-i)), account_id = wallet, note = i == 0 ? "pizza" : "bread" });
        }
        var page = await (await client.GetAsync("/api/entry?q=bread")).Json();
        Assert.Equal(2, (long)page["total"]!);
        Assert.True((bool)page["total_exact"]!);
    }

    [Fact]
    public async Task A_NUL_in_the_text_filter_is_a_400_naming_q_on_both_databases()
    {
        // PostgreSQL refused the query parameter with a 500; SQLite searched for it.
        var (_, client) = await SetupAsync();
        var problem = await (await client.GetAsync("/api/entry?q=br%00ead")).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["q"]);
    }
}

public sealed class SqlitePagingTests(SqliteApp app) : PagingTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPagingTests(PostgresApp app) : PagingTests(app), IClassFixture<PostgresApp>;
