using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BudgetControl.Data;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

/// <summary><c>POST /api/find</c>: full-text search over notes, payees, labels, categories and wallets, with filters.</summary>
public abstract class SearchTests(BudgetApp app)
{
    private const int Groceries = 3;
    private const int Restaurants = 2;

    private async Task<(Guid Workspace, Guid Wallet, HttpClient Client)> SetupAsync()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Search");
        return (ws, await app.DefaultWalletAsync(ws), user.Client(ws));
    }

    private static async Task<JsonNode> EntryAsync(HttpClient client, Guid wallet, decimal amount, string? note, int category = Groceries,
        string[]? labels = null, string? payee = null, string day = "2026-03-10", string type = "expense", bool planned = false)
    {
        var response = await client.PostAsJsonAsync($"/api/entry/{type}", new
        {
            amount, date_time = day + " 12:00:00", account_id = wallet, category_id = category, note, labels, payee_id = payee,
            confirmed = true, planned,
        });
        var json = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json;
    }

    private static async Task<JsonNode> FindAsync(HttpClient client, object body, string query = "")
    {
        var response = await client.PostAsJsonAsync("/api/find" + query, body);
        var json = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    private static async Task<HashSet<string>> UuidsAsync(HttpClient client, object body) =>
        (await FindAsync(client, body))["data"]!.AsArray().Select(r => (string)r!["uuid"]!).ToHashSet();

    private static string Id(JsonNode entry) => (string)entry["uuid"]!;

    [Fact]
    public async Task Finds_note_words_parts_payees_labels_categories_and_wallets()
    {
        var (ws, wallet, client) = await SetupAsync();
        var pizza = await EntryAsync(client, wallet, -12m, "Pizza margherita with friends", Restaurants);
        var groceries = await EntryAsync(client, wallet, -30m, "weekly shopping", labels: ["Holiday"]);
        var debit = await EntryAsync(client, wallet, -50m, null, payee: "Marcello Rossi", type: "debit");
        var savingsWallet = await app.AddWalletAsync(ws, "Piggybank", currencyId: 2);
        var inPiggy = await EntryAsync(client, savingsWallet, -5m, "coins");

        Assert.Equal([Id(pizza)], await UuidsAsync(client, new { text = "margherita" }));
        Assert.Equal([Id(pizza)], await UuidsAsync(client, new { text = "MARGHER" }));          // part of a word, any case
        Assert.Equal([Id(debit)], await UuidsAsync(client, new { text = "rossi" }));            // payee name
        Assert.Equal([Id(debit)], await UuidsAsync(client, new { text = "marcel" }));           // part of a payee name
        Assert.Equal([Id(groceries)], await UuidsAsync(client, new { text = "holiday" }));      // label name
        Assert.Equal([Id(pizza)], await UuidsAsync(client, new { text = "restaurants" }));      // sub-category name
        Assert.Equal([Id(inPiggy)], await UuidsAsync(client, new { text = "piggy" }));          // wallet name
        Assert.Equal([Id(pizza)], await UuidsAsync(client, new { text = "pizza friends" }));    // every word must match
        Assert.Empty(await UuidsAsync(client, new { text = "pizza holiday" }));
        Assert.Empty(await UuidsAsync(client, new { text = "zucchini" }));

        // The answer keeps the original's shape.
        var answer = await FindAsync(client, new { text = "pizza" });
        var item = answer["data"]![0]!;
        Assert.Equal("Pizza margherita with friends", (string)item["note"]!);
        Assert.Equal("-12.00", item["amount"]!.ToJsonString());
        Assert.Equal(Restaurants, (int)item["sub_category"]!["id"]!);
        Assert.Equal(ws.ToString(), (string)item["workspace_id"]!);
        Assert.Equal(1, (int)answer["pagination"]!["total"]!);
        Assert.False((bool)answer["pagination"]!["has_next_page"]!);
    }

    [Fact]
    public async Task Whole_words_rank_before_parts_of_words()
    {
        var (_, wallet, client) = await SetupAsync();
        var part = await EntryAsync(client, wallet, -1m, "supertax refund", day: "2026-03-12");
        var whole = await EntryAsync(client, wallet, -1m, "the tax of March", day: "2026-03-01");
        var data = (await FindAsync(client, new { text = "tax" }))["data"]!.AsArray();
        Assert.Equal([Id(whole), Id(part)], data.Select(d => (string)d!["uuid"]!));
        Assert.True((int)data[0]!["rank"]! > (int)data[1]!["rank"]!);
    }

    [Fact]
    public async Task Filters_combine_with_the_text()
    {
        var (ws, wallet, client) = await SetupAsync();
        var other = await app.AddWalletAsync(ws, "Cash", currencyId: 2);
        var a = await EntryAsync(client, wallet, -10m, "market fruit", Groceries, ["fresh"], day: "2026-03-01");
        var b = await EntryAsync(client, wallet, -40m, "market fish", Restaurants, day: "2026-03-15");
        var c = await EntryAsync(client, other, -25m, "market bread", Groceries, day: "2026-03-31");
        var d = await EntryAsync(client, wallet, 100m, "market stall income", 63, day: "2026-04-02", type: "income");
        var planned = await EntryAsync(client, wallet, -5m, "market later", day: "2099-03-20", planned: true); // future: planned
        var fresh = (string)a["labels"]![0]!["uuid"]!;

        Assert.Equal([Id(a), Id(b), Id(c), Id(d)], await UuidsAsync(client, new { text = "market" }));
        Assert.Equal([Id(a), Id(b), Id(c), Id(d), Id(planned)], await UuidsAsync(client, new { text = "market", planned = true }));
        Assert.Equal([Id(c)], await UuidsAsync(client, new { text = "market", account = new[] { other } }));
        Assert.Equal([Id(a), Id(c)], await UuidsAsync(client, new { text = "market", category = new[] { Groceries } }));
        Assert.Equal([Id(d)], await UuidsAsync(client, new { text = "market", type = new[] { "incoming" } }));
        Assert.Equal([Id(a)], await UuidsAsync(client, new { text = "market", tags = new[] { fresh } }));
        Assert.Equal([Id(b), Id(c)], await UuidsAsync(client, new { text = "market", amount_min = -40, amount_max = -20 }));
        // Dates are whole days in the workspace's zone, both ends included.
        Assert.Equal([Id(b), Id(c)], await UuidsAsync(client, new { text = "market", date_time = new[] { "2026-03-02", "2026-03-31" } }));
        Assert.Equal([Id(b)], await UuidsAsync(client, new
        {
            text = "market", account = new[] { wallet }, type = new[] { "expenses" }, amount_max = -20, date_time = new { start = "2026-03-02", end = "2026/4/30" },
        }));
        // Filters alone, without a text.
        Assert.Equal([Id(c)], await UuidsAsync(client, new { account = new[] { other } }));
    }

    [Fact]
    public async Task The_index_follows_edits_deletes_and_restores()
    {
        var (_, wallet, client) = await SetupAsync();
        var entry = await EntryAsync(client, wallet, -3m, "cinema tickets");
        Assert.Equal([Id(entry)], await UuidsAsync(client, new { text = "cinema" }));

        var edited = await client.PutAsJsonAsync($"/api/entry/expense/{Id(entry)}", new { note = "theatre tickets" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Empty(await UuidsAsync(client, new { text = "cinema" }));
        Assert.Empty(await UuidsAsync(client, new { text = "cinem" }));
        Assert.Equal([Id(entry)], await UuidsAsync(client, new { text = "theatre" }));
        Assert.Equal([Id(entry)], await UuidsAsync(client, new { text = "heatr" }));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/{Id(entry)}")).StatusCode);
        Assert.Empty(await UuidsAsync(client, new { text = "theatre" }));
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/api/entry/{Id(entry)}/restore", null)).StatusCode);
        Assert.Equal([Id(entry)], await UuidsAsync(client, new { text = "theatre" }));
    }

    [Fact]
    public async Task A_note_cleared_is_no_longer_found_and_an_entry_without_a_note_is_not_in_the_index()
    {
        var (_, wallet, client) = await SetupAsync();
        var bare = await EntryAsync(client, wallet, -1m, null);
        var empty = await EntryAsync(client, wallet, -1m, "");
        var noted = await EntryAsync(client, wallet, -2m, "harbour ferry");
        Assert.Equal([Id(noted)], await UuidsAsync(client, new { text = "harbour" }));
        Assert.Equal([Id(noted)], await UuidsAsync(client, new { text = "arbou" }));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/entry/expense/{Id(noted)}", new { note = "" })).StatusCode);
        Assert.Empty(await UuidsAsync(client, new { text = "harbour" }));
        Assert.Empty(await UuidsAsync(client, new { text = "arbou" }));
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/entry/expense/{Id(bare)}", new { note = "harbour ferry" })).StatusCode);
        Assert.Equal([Id(bare)], await UuidsAsync(client, new { text = "harbour" }));
        Assert.Equal([Id(bare)], await UuidsAsync(client, new { text = "arbou" }));

        if (app.Provider == DatabaseProvider.Sqlite)
        {
            // SQLite's full-text tables (SearchIndexNotesOnly) hold a row, in their docsize tables, only for an entry with a note.
            async Task<int> IndexedAsync(JsonNode entry, string countSql) => await app.WithDbAsync(async db =>
            {
                var uuid = Guid.Parse(Id(entry));
                var id = await db.Entries.Where(e => e.Uuid == uuid).Select(e => e.Id).SingleAsync();
                return await db.Database.SqlQueryRaw<int>(countSql, id).SingleAsync();
            });
            foreach (var countSql in new[]
            {
                "SELECT COUNT(*) AS \"Value\" FROM entry_note_words_docsize WHERE id = {0}",
                "SELECT COUNT(*) AS \"Value\" FROM entry_note_trigrams_docsize WHERE id = {0}",
            })
            {
                Assert.Equal(0, await IndexedAsync(empty, countSql));
                Assert.Equal(0, await IndexedAsync(noted, countSql));
                Assert.Equal(1, await IndexedAsync(bare, countSql));
            }
        }
    }

    [Fact]
    public async Task Another_workspace_finds_nothing_of_this_one()
    {
        var (ws, wallet, client) = await SetupAsync();
        var entry = await EntryAsync(client, wallet, -9m, "confidential xylophone", labels: ["secretlabel"], payee: "Zebedee");
        var label = (string)entry["labels"]![0]!["uuid"]!;
        Assert.Single(await UuidsAsync(client, new { text = "xylophone" }));

        var stranger = await app.NewUserAsync("Stranger");
        var theirWorkspace = await stranger.CreateWorkspaceAsync("Theirs");
        var theirs = stranger.Client(theirWorkspace);
        await EntryAsync(theirs, await app.DefaultWalletAsync(theirWorkspace), -1m, "unrelated");
        foreach (var word in new[] { "xylophone", "xylo", "secretlabel", "zebedee" })
        {
            Assert.Empty(await UuidsAsync(theirs, new { text = word }));
        }
        // This workspace's ids as filters find nothing there either.
        Assert.Empty(await UuidsAsync(theirs, new { account = new[] { wallet } }));
        Assert.Empty(await UuidsAsync(theirs, new { tags = new[] { label } }));
        // Naming this workspace in the header is refused.
        var intruder = stranger.Client(ws);
        var refused = await intruder.PostAsJsonAsync("/api/find", new { text = "xylophone" });
        Assert.True(refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, refused.StatusCode.ToString());
        Assert.DoesNotContain("xylophone", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_by_cursor_and_by_number_neither_skip_nor_repeat()
    {
        var (_, wallet, client) = await SetupAsync();
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            // Two ranks (whole word, part of a word) and equal dates, so the order needs every key of the cursor.
            var note = i % 2 == 0 ? "rent payment" : "rental car";
            created.Add(Id(await EntryAsync(client, wallet, -1m - i, note, day: i < 4 ? "2026-02-01" : "2026-02-02")));
        }
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var answer = await FindAsync(client, new { text = "rent" }, "?per_page=3" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(answer["data"]!.AsArray().Select(r => (string)r!["uuid"]!));
            cursor = (string?)answer["pagination"]!["next_cursor"];
            Assert.Equal(cursor is not null, (bool)answer["pagination"]!["has_next_page"]!);
            pages++;
        }
        while (cursor is not null && pages < 10);
        Assert.Equal(3, pages);
        Assert.Equal(7, seen.Count);
        Assert.Equal(created.ToHashSet(), seen.ToHashSet());

        var byNumber = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var answer = await FindAsync(client, new { text = "rent" }, $"?page={page}&per_page=3");
            byNumber.AddRange(answer["data"]!.AsArray().Select(r => (string)r!["uuid"]!));
            Assert.Equal(7, (int)answer["pagination"]!["total"]!);
            Assert.Equal(3, (int)answer["pagination"]!["total_pages"]!);
        }
        Assert.Equal(seen, byNumber);
        // Whole words first.
        Assert.All(seen.Take(4), uuid => Assert.Contains(uuid, created.Where((_, i) => i % 2 == 0)));
    }

    [Fact]
    public async Task Every_word_whole_ranks_before_some_word_in_part()
    {
        var (_, wallet, client) = await SetupAsync();
        var part = await EntryAsync(client, wallet, -1m, "supertax of march", day: "2026-03-12");
        var whole = await EntryAsync(client, wallet, -1m, "the tax of March", day: "2026-03-01");
        var data = (await FindAsync(client, new { text = "march tax" }))["data"]!.AsArray();
        Assert.Equal([Id(whole), Id(part)], data.Select(d => (string)d!["uuid"]!));
        Assert.Equal([2, 1], data.Select(d => (int)d!["rank"]!));
    }

    [Fact]
    public async Task Cursor_pages_cross_the_rank_tiers_without_skip_or_repeat_while_entries_are_added()
    {
        var (_, wallet, client) = await SetupAsync();
        var whole = new List<string>();
        var parts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // Pairs of equal dates, so each tier's order needs the id too.
            var day = $"2026-01-{10 + (i / 2):00}";
            whole.Add(Id(await EntryAsync(client, wallet, -1m, "tax " + i, day: day)));
            parts.Add(Id(await EntryAsync(client, wallet, -1m, "supertax " + i, day: day)));
        }
        whole.Reverse();
        parts.Reverse();

        var seen = new List<(string Uuid, int Rank)>();
        string? cursor = null;
        string? addedWhole = null, addedPart = null;
        var pages = 0;
        do
        {
            var answer = await FindAsync(client, new { text = "tax" }, "?per_page=3" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(answer["data"]!.AsArray().Select(r => ((string)r!["uuid"]!, (int)r["rank"]!)));
            cursor = (string?)answer["pagination"]!["next_cursor"];
            if (pages++ == 0)
            {
                // Newer than everything: the whole-word one sorts before the cursor (not seen), the part one after it (seen).
                addedWhole = Id(await EntryAsync(client, wallet, -1m, "tax late", day: "2026-02-01"));
                addedPart = Id(await EntryAsync(client, wallet, -1m, "supertax late", day: "2026-02-01"));
            }
        }
        while (cursor is not null && pages < 10);

        Assert.Equal([.. whole, addedPart!, .. parts], seen.Select(s => s.Uuid));
        Assert.DoesNotContain(addedWhole, seen.Select(s => s.Uuid));
        Assert.Equal([.. Enumerable.Repeat(2, 5), .. Enumerable.Repeat(1, 6)], seen.Select(s => s.Rank));
        Assert.Equal(4, pages);

        // By page number: the same order, and a page that starts inside the second tier (offset past the first).
        var byNumber = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            var answer = await FindAsync(client, new { text = "tax" }, $"?page={page}&per_page=3");
            byNumber.AddRange(answer["data"]!.AsArray().Select(r => (string)r!["uuid"]!));
        }
        Assert.Equal([addedWhole!, .. whole, addedPart!, .. parts], byNumber);
        Assert.Empty((await FindAsync(client, new { text = "tax" }, "?page=6&per_page=3"))["data"]!.AsArray());
    }

    [Fact]
    public async Task The_total_counts_a_few_pages_ahead_and_says_whether_it_is_exact()
    {
        var (_, wallet, client) = await SetupAsync();
        for (var i = 0; i < 8; i++)
        {
            await EntryAsync(client, wallet, -1m, i % 2 == 0 ? "bonus" : "superbonus", day: $"2026-04-{1 + i:00}");
        }
        // Per page 1: page 1 reads three pages and one row ahead, so it knows of 4 (a lower bound).
        var first = (await FindAsync(client, new { text = "bonus" }, "?per_page=1"))["pagination"]!;
        Assert.Equal(4, (int)first["total"]!);
        Assert.False((bool)first["total_exact"]!);
        Assert.True((bool)first["has_next_page"]!);
        Assert.Equal(4, (int)first["total_pages"]!);
        // Page 5 finds 4 matches from its start, as many as it reads: 8 so far, still a lower bound.
        var fifth = (await FindAsync(client, new { text = "bonus" }, "?page=5&per_page=1"))["pagination"]!;
        Assert.Equal(8, (int)fifth["total"]!);
        Assert.False((bool)fifth["total_exact"]!);
        // Page 6 (its offset past the first tier) reads to the end: the exact total.
        var sixth = (await FindAsync(client, new { text = "bonus" }, "?page=6&per_page=1"))["pagination"]!;
        Assert.Equal(8, (int)sixth["total"]!);
        Assert.True((bool)sixth["total_exact"]!);
        Assert.Equal(8, (int)sixth["total_pages"]!);
        // Past the end: nothing, and still the exact total.
        var past = await FindAsync(client, new { text = "bonus" }, "?page=20&per_page=1");
        Assert.Empty(past["data"]!.AsArray());
        Assert.Equal(8, (int)past["pagination"]!["total"]!);
        Assert.False((bool)past["pagination"]!["has_next_page"]!);
    }

    [Fact]
    public async Task A_word_with_more_matches_than_are_read_pages_newest_first_in_rank_order_without_repeats()
    {
        var (_, wallet, client) = await SetupAsync();
        var whole = new List<(string Uuid, string Day)>();
        var parts = new List<(string Uuid, string Day)>();
        for (var i = 0; i < 8; i++)
        {
            // Written oldest last and in pairs of equal days, so neither the insertion order nor the date alone gives the order.
            var day = $"2026-05-{20 - (i / 2):00}";
            whole.Add((Id(await EntryAsync(client, wallet, -1m, "coffee " + i, day: day)), day));
            if (i % 2 == 0)
            {
                parts.Add((Id(await EntryAsync(client, wallet, -1m, "coffeehouse " + i, day: day)), day));
            }
            await EntryAsync(client, wallet, -1m, "tea " + i, day: day);
        }
        // Newest first; equal days: the later written (higher id) first.
        var expected = whole.Select((w, i) => (w.Uuid, w.Day, i)).OrderByDescending(w => w.Day).ThenByDescending(w => w.i).Select(w => w.Uuid)
            .Concat(parts.Select((p, i) => (p.Uuid, p.Day, i)).OrderByDescending(p => p.Day).ThenByDescending(p => p.i).Select(p => p.Uuid)).ToList();

        // Per page 2: a page reads 7 matches (three pages and one row), fewer than the 12 there are.
        var first = await FindAsync(client, new { text = "coffee" }, "?per_page=2");
        Assert.Equal(expected.Take(2), first["data"]!.AsArray().Select(r => (string)r!["uuid"]!));
        Assert.Equal(7, (int)first["pagination"]!["total"]!);
        Assert.False((bool)first["pagination"]!["total_exact"]!);
        Assert.True((bool)first["pagination"]!["has_next_page"]!);

        var seen = new List<(string Uuid, int Rank)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var answer = await FindAsync(client, new { text = "coffee" }, "?per_page=2" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(answer["data"]!.AsArray().Select(r => ((string)r!["uuid"]!, (int)r["rank"]!)));
            cursor = (string?)answer["pagination"]!["next_cursor"];
            pages++;
        }
        while (cursor is not null && pages < 20);
        Assert.Equal(expected, seen.Select(s => s.Uuid));
        Assert.Equal([.. Enumerable.Repeat(2, 8), .. Enumerable.Repeat(1, 4)], seen.Select(s => s.Rank));
        Assert.Equal(6, pages);

        // By page number, also a page that starts in the second tier (offset past the first).
        var byNumber = new List<string>();
        for (var page = 1; page <= 6; page++)
        {
            byNumber.AddRange((await FindAsync(client, new { text = "coffee" }, $"?page={page}&per_page=2"))["data"]!.AsArray().Select(r => (string)r!["uuid"]!));
        }
        Assert.Equal(expected, byNumber);
    }

    [Fact]
    public async Task Words_shorter_than_three_letters_match_whole_words_only()
    {
        var (_, wallet, client) = await SetupAsync();
        var whole = await EntryAsync(client, wallet, -1m, "uv lamp", day: "2026-03-01");
        await EntryAsync(client, wallet, -1m, "uvlight bulbs", day: "2026-03-02");
        var answer = await FindAsync(client, new { text = "UV" });
        Assert.Equal([(Id(whole), 2)], answer["data"]!.AsArray().Select(r => ((string)r!["uuid"]!, (int)r["rank"]!)));
        Assert.Equal(1, (int)answer["pagination"]!["total"]!);
        Assert.True((bool)answer["pagination"]!["total_exact"]!);
    }

    [Fact]
    public async Task Results_show_the_wallet_payee_and_live_labels_and_follow_renames()
    {
        var (ws, wallet, client) = await SetupAsync();
        var entry = await EntryAsync(client, wallet, -7m, "gadget", labels: ["zeta", "alpha", "gone"], payee: "Ugo", type: "debit");
        string LabelUuid(string name) => (string)entry["labels"]!.AsArray().Single(l => (string)l!["name"]! == name)!["uuid"]!;
        Assert.Equal(["alpha", "gone", "zeta"], (await FindAsync(client, new { text = "gadget" }))["data"]![0]!["labels"]!.AsArray().Select(l => (string)l!["name"]!));
        Assert.Single(await UuidsAsync(client, new { text = "zeta" }));

        // Names changed after a search are seen by the next one (the names are read per workspace version).
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/label/{LabelUuid("gone")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/label/{LabelUuid("zeta")}", new { name = "omega" })).StatusCode);
        Assert.Empty(await UuidsAsync(client, new { text = "zeta" }));
        Assert.Empty(await UuidsAsync(client, new { text = "gone" }));
        Assert.Single(await UuidsAsync(client, new { text = "omega" }));

        var item = (await FindAsync(client, new { text = "gadget" }))["data"]![0]!;
        Assert.Equal(wallet.ToString(), (string)item["wallet"]!["uuid"]!);
        Assert.False(string.IsNullOrEmpty((string?)item["wallet"]!["name"]));
        Assert.Equal("Ugo", (string)item["payee"]!["name"]!);
        Assert.Equal((string)entry["payee"]!["uuid"]!, (string)item["payee_id"]!);
        Assert.Equal(["alpha", "omega"], item["labels"]!.AsArray().Select(l => (string)l!["name"]!));
        Assert.Equal(ws.ToString(), (string)item["workspace_id"]!);
    }

    [Fact]
    public async Task A_search_is_a_read_it_keeps_the_workspace_version()
    {
        var (ws, wallet, client) = await SetupAsync();
        await EntryAsync(client, wallet, -1m, "stamp");
        var workspaceId = await app.WithDbAsync(db => db.Workspaces.Where(w => w.Uuid == ws).Select(w => w.Id).SingleAsync());
        var versions = app.Service<BudgetControl.Hosting.Cache.WorkspaceVersions>();
        var before = await versions.CurrentAsync(workspaceId);
        Assert.Single(await UuidsAsync(client, new { text = "stamp" }));
        // Otherwise every search would make the workspace's cached reads (and the search's names) unreachable.
        Assert.Equal(before, await versions.CurrentAsync(workspaceId));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var (_, wallet, client) = await SetupAsync();
        await EntryAsync(client, wallet, -1m, "anything");
        async Task<JsonObject> BadAsync(object body, string query = "") =>
            await (await client.PostAsJsonAsync("/api/find" + query, body)).Problem(HttpStatusCode.BadRequest);

        Assert.NotNull((await BadAsync(new { }))["errors"]!["text"]);
        Assert.NotNull((await BadAsync(new { text = "  " }))["errors"]!["text"]);
        Assert.NotNull((await BadAsync(new { text = "!!!" }))["errors"]!["text"]);
        Assert.NotNull((await BadAsync(new { text = 5 }))["errors"]!["text"]);
        Assert.NotNull((await BadAsync(new { text = "a", amount_min = 10, amount_max = 5 }))["errors"]!["amount_min"]);
        Assert.NotNull((await BadAsync(new { text = "a", amount_min = "ten" }))["errors"]!["amount_min"]);
        Assert.NotNull((await BadAsync(new { text = "a", date_time = new[] { "2026-05-01", "2026-04-01" } }))["errors"]!["date_time"]);
        Assert.NotNull((await BadAsync(new { text = "a", date_time = new[] { "yesterday" } }))["errors"]!["date_time"]);
        Assert.NotNull((await BadAsync(new { text = "a", account = new[] { "not-a-uuid" } }))["errors"]!["account"]);
        Assert.NotNull((await BadAsync(new { text = "a", type = new[] { "gifts" } }))["errors"]!["type"]);
        Assert.NotNull((await BadAsync(new { text = "a", category = new[] { 9999 } }))["errors"]!["category"]);
        Assert.NotNull((await BadAsync(new { text = "a", planned = "maybe" }))["errors"]!["planned"]);
        Assert.NotNull((await BadAsync(new { text = "a" }, "?cursor=bogus"))["errors"]!["cursor"]);
        Assert.NotNull((await BadAsync(new { text = "a" }, "?per_page=1000"))["errors"]!["per_page"]);
    }
}

public sealed class SqliteSearchTests(SqliteApp app) : SearchTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSearchTests(PostgresApp app) : SearchTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// SQLite with every word looked up row by row while the entries are walked newest first: the path of words with
/// more matches than <c>Search:SqliteIndexListLimit</c> (500 by default, more than these tests write).
/// </summary>
public sealed class SqliteWalkingSearchApp : BudgetApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Search:SqliteIndexListLimit", "0")];
}

public sealed class SqliteWalkingSearchTests(SqliteWalkingSearchApp app) : SearchTests(app), IClassFixture<SqliteWalkingSearchApp>;
