using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BudgetControl.Hosting.Api;
using BudgetControl.Tests.Infrastructure;

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
}

public sealed class SqlitePagingTests(SqliteApp app) : PagingTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPagingTests(PostgresApp app) : PagingTests(app), IClassFixture<PostgresApp>;
