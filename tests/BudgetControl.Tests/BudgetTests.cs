using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

/// <summary>
/// Budgets through HTTP. Expected figures are computed here from the entries the test inserted and the
/// period window worked out independently (local days in the workspace's zone, ISO weeks from Monday).
/// </summary>
public abstract class BudgetTests(BudgetApp app)
{
    private const int Groceries = 3;
    private const int Clothing = 4;
    private const int Salary = 63;

    private async Task<(Guid Workspace, Guid Wallet, HttpClient Client, TestUser User)> SetupAsync(string zone = "UTC")
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Budgets", new { workspace = new { name = "Budgets", time_zone = zone } });
        return (ws, await app.DefaultWalletAsync(ws), user.Client(ws), user);
    }

    private static string Local(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static decimal Number(JsonNode? node) => decimal.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture);

    private static async Task<JsonNode> CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
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

    private static Task<JsonNode> ExpenseAsync(HttpClient client, Guid wallet, decimal amount, DateTime local, int category = Groceries, object? labels = null, bool confirmed = true, bool excluded = false) =>
        CreatedAsync(client, "/api/entry/expense", new { amount, date_time = Local(local), account_id = wallet, category_id = category, labels, confirmed, exclude_from_stats = excluded });

    [Fact]
    public async Task Create_rejects_bad_fields_with_400_naming_each()
    {
        var (_, _, client, _) = await SetupAsync();
        var stranger = await app.NewUserAsync("Stranger");
        var theirs = await stranger.CreateWorkspaceAsync("Theirs");
        var theirWallet = await app.DefaultWalletAsync(theirs);

        var empty = await (await client.PostAsJsonAsync("/api/budget/create", new { })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(empty["errors"]!["name"]);
        Assert.NotNull(empty["errors"]!["amount"]);
        Assert.NotNull(empty["errors"]!["configuration"]);

        var bad = await (await client.PostAsJsonAsync("/api/budget/create", new
        {
            name = "x", amount = 10.001m, thresholds = new[] { 0, 150 }, emails = new[] { stranger.Email },
            configuration = new { period = "one-shot", accounts = new[] { theirWallet }, categories = new[] { 999 }, types = new[] { "gifts" } },
        })).Problem(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "amount", "thresholds", "emails", "configuration.period_start", "configuration.period_end", "configuration.accounts", "configuration.categories", "configuration.types" })
        {
            Assert.True(bad["errors"]![field] is not null, field + " in " + bad.ToJsonString());
        }

        var period = await (await client.PostAsJsonAsync("/api/budget/create", new { name = "x", amount = 10, configuration = new { period = "fortnightly" } })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(period["errors"]!["configuration.period"]);
    }

    [Fact]
    public async Task Crud_keeps_the_budget_in_its_workspace_with_versions()
    {
        var (_, wallet, client, user) = await SetupAsync();
        var budget = await CreatedAsync(client, "/api/budget/create", new
        {
            name = "Food", amount = 500, description = (string?)null, notification = true, emails = new[] { user.Email },
            configuration = new { period = "monthly", wallets = new[] { wallet }, categories = new[] { Groceries }, types = new[] { "expenses" } },
        });
        var uuid = (string)budget["uuid"]!;
        Assert.Equal(uuid, (string)budget["id"]!);
        Assert.Equal("500.00", budget["amount"]!.ToJsonString());
        Assert.Equal("monthly", (string)budget["configuration"]!["period"]!);
        Assert.Equal(wallet.ToString(), (string)budget["configuration"]!["accounts"]![0]!);
        Assert.Equal([70, 90, 100], budget["thresholds"]!.AsArray().Select(t => (int)t!));
        Assert.True((bool)budget["notification"]!);

        Assert.Single((await OkAsync(client, "/api/budgets")).AsArray());
        Assert.Equal(uuid, (string)(await OkAsync(client, $"/api/budget//{uuid}"))["uuid"]!);

        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/budget/update/{uuid}")
        {
            Content = JsonContent.Create(new { name = "Food & more", amount = 600, thresholds = new[] { 50 }, configuration = new { period = "weekly" } }),
        };
        update.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var updated = await client.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("600.00", (await updated.Json())["amount"]!.ToJsonString());

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/budget/update/{uuid}") { Content = JsonContent.Create(new { name = "Late", amount = 1, configuration = new { period = "daily" } }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        await (await client.SendAsync(stale)).Problem(HttpStatusCode.Conflict);

        // Another workspace sees nothing of it.
        var stranger = await app.NewUserAsync("Stranger");
        var theirs = stranger.Client(await stranger.CreateWorkspaceAsync("Theirs"));
        await (await theirs.GetAsync($"/api/budget/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await theirs.GetAsync($"/api/budget/{uuid}/stats")).Problem(HttpStatusCode.NotFound);
        await (await theirs.PutAsJsonAsync($"/api/budget/update/{uuid}", new { name = "Mine", amount = 1, configuration = new { period = "daily" } })).Problem(HttpStatusCode.NotFound);
        await (await theirs.DeleteAsync($"/api/budget/{uuid}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await OkAsync(theirs, "/api/budgets/stats")).AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/budget/{uuid}")).StatusCode);
        await (await client.GetAsync($"/api/budget/{uuid}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await OkAsync(client, "/api/budgets")).AsArray());
    }

    [Theory]
    [InlineData("Europe/Rome")]
    [InlineData("America/Los_Angeles")]
    public async Task One_shot_budget_counts_its_wallets_categories_and_types_over_whole_local_days(string zone)
    {
        var (ws, wallet, client, _) = await SetupAsync(zone);
        var other = await app.AddWalletAsync(ws, "Other", currencyId: 2);
        var counted = new List<decimal>();
        var first = await ExpenseAsync(client, wallet, -120m, new DateTime(2024, 2, 1, 0, 0, 0));
        counted.Add(-120m);
        await ExpenseAsync(client, wallet, -80m, new DateTime(2024, 2, 29, 23, 30, 0));
        counted.Add(-80m);
        await ExpenseAsync(client, wallet, -50m, new DateTime(2024, 3, 1, 0, 30, 0)); // after the range
        await ExpenseAsync(client, wallet, -40m, new DateTime(2024, 1, 31, 23, 59, 0)); // before it
        await ExpenseAsync(client, wallet, -7m, new DateTime(2024, 2, 10, 9, 0, 0), confirmed: false);
        await ExpenseAsync(client, wallet, -3m, new DateTime(2024, 2, 10, 9, 0, 0), excluded: true);
        await ExpenseAsync(client, other, -11m, new DateTime(2024, 2, 10, 9, 0, 0)); // another wallet
        await ExpenseAsync(client, wallet, -13m, new DateTime(2024, 2, 10, 9, 0, 0), category: Clothing); // another category
        await CreatedAsync(client, "/api/entry/income", new { amount = 200m, date_time = Local(new DateTime(2024, 2, 15, 12, 0, 0)), account_id = wallet, category_id = Groceries }); // another type

        var budget = await CreatedAsync(client, "/api/budget/create", new
        {
            name = "February food", amount = 500,
            configuration = new { period = "one-shot", period_start = "2024/02/01", period_end = "2024-2-29", accounts = new[] { wallet }, categories = new[] { Groceries }, types = new[] { "expenses" } },
        });
        var uuid = (string)budget["uuid"]!;

        var stats = await OkAsync(client, $"/api/budget/{uuid}/stats");
        var spent = counted.Sum();
        Assert.Equal(500m, Number(stats["total"]));
        Assert.Equal(spent, Number(stats["totalSpent"]));
        Assert.Equal(500m + spent, Number(stats["totalRemaining"]));
        Assert.Equal("40%", (string)stats["totalSpentPercentage"]!);
        Assert.Equal("60%", (string)stats["totalRemainingPercentage"]!);
        Assert.False((bool)stats["exceeded"]!);
        Assert.True((bool)stats["expired"]!); // its last day has passed
        Assert.True((bool)(await OkAsync(client, $"/api/budget/{uuid}/expired"))["expired"]!);
        Assert.Empty(stats["exceeded_thresholds"]!.AsArray());
        Assert.Equal(2, (await OkAsync(client, $"/api/budget/{uuid}/entry-list")).AsArray().Count);

        // Edited after the figures were built: -120 becomes -400, so 480 of 500 are spent.
        var edit = await client.PutAsJsonAsync($"/api/entry/expense/{first["uuid"]}", new { amount = -400m, date_time = Local(new DateTime(2024, 2, 1, 0, 0, 0)), account_id = wallet, category_id = Groceries });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        stats = await OkAsync(client, $"/api/budget/{uuid}/stats");
        Assert.Equal("96%", (string)stats["totalSpentPercentage"]!);
        Assert.Equal([70, 90], stats["exceeded_thresholds"]!.AsArray().Select(t => (int)t!));

        var last = await ExpenseAsync(client, wallet, -100m, new DateTime(2024, 2, 20, 9, 0, 0));
        stats = await OkAsync(client, $"/api/budget/{uuid}/stats");
        Assert.Equal(-580m, Number(stats["totalSpent"]));
        Assert.Equal("116%", (string)stats["totalSpentPercentage"]!);
        Assert.Equal("0%", (string)stats["totalRemainingPercentage"]!);
        Assert.True((bool)stats["exceeded"]!);
        Assert.True((bool)(await OkAsync(client, $"/api/budget/{uuid}/exceeded"))["exceeded"]!);

        // Moved to the other wallet, then deleted and restored.
        await client.PutAsJsonAsync($"/api/entry/expense/{last["uuid"]}", new { amount = -100m, date_time = Local(new DateTime(2024, 2, 20, 9, 0, 0)), account_id = other, category_id = Groceries });
        Assert.Equal(-480m, Number((await OkAsync(client, $"/api/budget/{uuid}/stats"))["totalSpent"]));
        await client.DeleteAsync($"/api/entry/{first["uuid"]}");
        Assert.Equal(-80m, Number((await OkAsync(client, $"/api/budget/{uuid}/stats"))["totalSpent"]));
        await client.PatchAsync($"/api/entry/{first["uuid"]}/restore", null);
        Assert.Equal(-480m, Number((await OkAsync(client, $"/api/budget/{uuid}/stats"))["totalSpent"]));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Label_budgets_count_only_entries_with_one_of_their_labels()
    {
        var (_, wallet, client, _) = await SetupAsync();
        var tagged = await ExpenseAsync(client, wallet, -30m, new DateTime(2024, 5, 3, 10, 0, 0), labels: new[] { new { name = "holiday", color = "#123456" } });
        await ExpenseAsync(client, wallet, -70m, new DateTime(2024, 5, 4, 10, 0, 0));
        var label = (string)tagged["labels"]![0]!["uuid"]!;

        var budget = await CreatedAsync(client, "/api/budget/create", new
        {
            name = "Holiday", amount = 100, configuration = new { period = "one-shot", period_start = "2024-05-01", period_end = "2024-05-31", tags = new[] { label } },
        });

        var stats = await OkAsync(client, $"/api/budget/{budget["uuid"]}/stats");
        Assert.Equal(-30m, Number(stats["totalSpent"]));
        Assert.Equal("30%", (string)stats["totalSpentPercentage"]!);
    }

    [Fact]
    public async Task A_budget_of_several_labels_counts_an_entry_carrying_two_of_them_once()
    {
        var (ws, wallet, client, _) = await SetupAsync("Europe/Rome");
        // A range of whole months (Feb-Apr) with a partial month before them (from 15 January), in local days.
        var both = await ExpenseAsync(client, wallet, -30m, new DateTime(2024, 1, 15, 0, 30, 0), labels: new[] { "food", "trip" });
        string Label(string name) => (string)both["labels"]!.AsArray().Single(l => (string)l!["name"]! == name)!["uuid"]!;
        var (food, trip) = (Label("food"), Label("trip"));
        await ExpenseAsync(client, wallet, -20m, new DateTime(2024, 3, 10, 12, 0, 0), labels: new[] { food });
        var tripOnly = await ExpenseAsync(client, wallet, -50m, new DateTime(2024, 4, 30, 23, 30, 0), labels: new[] { trip });
        await ExpenseAsync(client, wallet, -9m, new DateTime(2024, 5, 1, 0, 30, 0), labels: new[] { food, trip }); // after the range
        await ExpenseAsync(client, wallet, -4m, new DateTime(2024, 1, 14, 23, 59, 0), labels: new[] { food, trip }); // before it
        await ExpenseAsync(client, wallet, -100m, new DateTime(2024, 2, 10, 9, 0, 0)); // no label
        object Range(object? tags = null, object? accounts = null) => new { period = "one-shot", period_start = "2024-01-15", period_end = "2024-04-30", tags, accounts };
        await CreatedAsync(client, "/api/budget/create", new { name = "A both", amount = 1000, configuration = Range(tags: new[] { food, trip }) });
        await CreatedAsync(client, "/api/budget/create", new { name = "B food", amount = 1000, configuration = Range(tags: new[] { food }) });
        await CreatedAsync(client, "/api/budget/create", new { name = "C trip", amount = 1000, configuration = Range(tags: new[] { trip }) });
        await CreatedAsync(client, "/api/budget/create", new { name = "D all", amount = 1000, configuration = Range() });
        await CreatedAsync(client, "/api/budget/create", new { name = "E wallet", amount = 1000, configuration = Range(accounts: new[] { wallet }) });

        async Task SpentAsync(params decimal[] expected)
        {
            var all = (await OkAsync(client, "/api/budgets/stats")).AsArray();
            Assert.Equal(expected, all.Select(b => Number(b!["totalSpent"])));
        }
        // The entry with both labels counts once in "both" (-30 -20 -50), and in each label's own budget.
        await SpentAsync(-100m, -50m, -80m, -200m, -200m);

        // Labels changed after the figures were built: the trip entry becomes food, then the first entry loses its labels.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/entry/{tripOnly["uuid"]}", new { labels = new[] { food } })).StatusCode);
        await SpentAsync(-100m, -100m, -30m, -200m, -200m);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/entry/{both["uuid"]}", new { labels = Array.Empty<string>() })).StatusCode);
        await SpentAsync(-70m, -70m, 0m, -200m, -200m);
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Repeating_periods_use_the_current_local_day_iso_week_month_and_year()
    {
        const string zone = "Pacific/Auckland";
        var (_, wallet, client, _) = await SetupAsync(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)));
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var windows = new Dictionary<string, (DateOnly Start, DateOnly End)>
        {
            ["daily"] = (today, today),
            ["weekly"] = (monday, monday.AddDays(6)),
            ["monthly"] = (new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month))),
            ["yearly"] = (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)),
        };
        // One entry at the first second of each window and one at the last minute before it.
        var inserted = new List<(DateTime Local, decimal Amount)>();
        var amount = 1m;
        foreach (var (start, _) in windows.Values.Distinct())
        {
            foreach (var local in new[] { start.ToDateTime(new TimeOnly(0, 0, 1)), start.AddDays(-1).ToDateTime(new TimeOnly(23, 59)) })
            {
                await ExpenseAsync(client, wallet, -amount, local);
                inserted.Add((local, -amount));
                amount += 1m;
            }
        }
        foreach (var (period, window) in windows)
        {
            var budget = await CreatedAsync(client, "/api/budget/create", new { name = period, amount = 1000, configuration = new { period } });
            var expected = inserted.Where(e => DateOnly.FromDateTime(e.Local) >= window.Start && DateOnly.FromDateTime(e.Local) <= window.End).Sum(e => e.Amount);
            var stats = await OkAsync(client, $"/api/budget/{budget["uuid"]}/stats");
            Assert.True(expected == Number(stats["totalSpent"]), $"{period}: expected {expected}, got {stats["totalSpent"]}");
            Assert.Equal(window.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string)stats["period"]!["start"]!);
            Assert.False((bool)stats["expired"]!);
        }
    }

    [Fact]
    public async Task Include_planned_counts_the_planned_entries_of_the_period()
    {
        var (_, wallet, client, _) = await SetupAsync();
        await ExpenseAsync(client, wallet, -100m, new DateTime(2024, 5, 4, 10, 0, 0));
        var planned = await ExpenseAsync(client, wallet, -40m, new DateTime(2099, 6, 1, 10, 0, 0));
        Assert.True((bool)planned["planned"]!);
        await ExpenseAsync(client, wallet, -7m, new DateTime(2099, 6, 2, 10, 0, 0), confirmed: false);
        await ExpenseAsync(client, wallet, -3m, new DateTime(2099, 6, 3, 10, 0, 0), excluded: true);
        await ExpenseAsync(client, wallet, -11m, new DateTime(2099, 6, 4, 10, 0, 0), category: Clothing);
        var label = (string)(await ExpenseAsync(client, wallet, -20m, new DateTime(2099, 6, 5, 10, 0, 0), labels: new[] { "trip" }))["labels"]![0]!["uuid"]!;

        var range = new { period = "one-shot", period_start = "2024-01-01", period_end = "2099-12-31", categories = new[] { Groceries } };
        var without = await CreatedAsync(client, "/api/budget/create", new { name = "Past only", amount = 1000, configuration = range });
        var with = await CreatedAsync(client, "/api/budget/create", new
        {
            name = "With planned", amount = 1000,
            configuration = new { range.period, range.period_start, range.period_end, range.categories, include_planned = true },
        });
        var labelled = await CreatedAsync(client, "/api/budget/create", new
        {
            name = "Trip", amount = 1000,
            configuration = new { range.period, range.period_start, range.period_end, tags = new[] { label }, include_planned = "1" },
        });
        Assert.False((bool)without["configuration"]!["include_planned"]!);
        Assert.True((bool)with["configuration"]!["include_planned"]!);

        Assert.Equal(-100m, Number((await OkAsync(client, $"/api/budget/{without["uuid"]}/stats"))["totalSpent"]));
        Assert.Equal(-100m - 40m - 20m, Number((await OkAsync(client, $"/api/budget/{with["uuid"]}/stats"))["totalSpent"]));
        Assert.Equal(-20m, Number((await OkAsync(client, $"/api/budget/{labelled["uuid"]}/stats"))["totalSpent"]));
        var listed = (await OkAsync(client, $"/api/budget/{with["uuid"]}/entry-list")).AsArray();
        Assert.Equal(3, listed.Count);
        Assert.Single((await OkAsync(client, $"/api/budget/{without["uuid"]}/entry-list")).AsArray());

        // Deleting the planned entry takes it out; a bad flag is a 400 naming it.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/{planned["uuid"]}")).StatusCode);
        Assert.Equal(-120m, Number((await OkAsync(client, $"/api/budget/{with["uuid"]}/stats"))["totalSpent"]));
        var bad = await (await client.PostAsJsonAsync("/api/budget/create", new { name = "x", amount = 1, configuration = new { period = "monthly", include_planned = "sometimes" } })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["configuration.include_planned"]);
    }

    /// <summary>A budget of the test below and, from the entries as the test made them, what it must have spent.</summary>
    private sealed record WindowBudget(string Name, DateOnly Start, DateOnly End, Guid[]? Wallets = null, int[]? Categories = null, string[]? Types = null, string[]? Tags = null)
    {
        public decimal Spent(IEnumerable<ModelEntry> entries) => entries
            .Where(e => DateOnly.FromDateTime(e.Local) >= Start && DateOnly.FromDateTime(e.Local) <= End)
            .Where(e => (Types ?? ["expenses", "incoming", "debit"]).Contains(e.Type))
            .Where(e => Wallets is null || Wallets.Contains(e.Wallet))
            .Where(e => Categories is null || Categories.Contains(e.Category))
            .Where(e => Tags is null || e.Labels.Intersect(Tags).Any())
            .Sum(e => e.Amount);
    }

    /// <summary>An entry as the test last wrote it (local time in the workspace's zone, label uuids).</summary>
    private sealed record ModelEntry(string Uuid, DateTime Local, Guid Wallet, int Category, string Type, decimal Amount, string[] Labels);

    [Fact]
    public async Task Budgets_read_together_count_mid_month_and_whole_year_windows_with_wallet_label_and_category_filters_after_edits_moves_and_deletes()
    {
        var (ws, wallet, client, _) = await SetupAsync("Europe/Rome");
        var currency = await app.WithDbAsync(db => db.Wallets.Where(w => w.Uuid == wallet).Select(w => w.CurrencyId).SingleAsync());
        var other = await app.AddWalletAsync(ws, "Other", currencyId: currency);
        var random = new Random(20261126);
        var first = await ExpenseAsync(client, wallet, -1m, new DateTime(2024, 1, 15, 0, 30, 0), labels: new[] { "food", "trip" });
        string Label(string name) => (string)first["labels"]!.AsArray().Single(l => (string)l!["name"]! == name)!["uuid"]!;
        var (food, trip) = (Label("food"), Label("trip"));
        var model = new Dictionary<string, ModelEntry> { [(string)first["uuid"]!] = new((string)first["uuid"]!, new DateTime(2024, 1, 15, 0, 30, 0), wallet, Groceries, "expenses", -1m, [food, trip]) };
        // Around New Year in Rome (year rows are local years): 31 December 2023 at noon is 2023 (an income, which the edits
        // below leave where it is); 1 January 2024 at 00:30 is 2024 locally but still 2023 in UTC.
        var lastOf2023 = await CreatedAsync(client, "/api/entry/income", new { amount = 3.5m, date_time = Local(new DateTime(2023, 12, 31, 12, 0, 0)), account_id = other, category_id = Salary });
        model[(string)lastOf2023["uuid"]!] = new((string)lastOf2023["uuid"]!, new DateTime(2023, 12, 31, 12, 0, 0), other, Salary, "incoming", 3.5m, []);
        var firstOf2024 = await ExpenseAsync(client, other, -7.25m, new DateTime(2024, 1, 1, 0, 30, 0));
        model[(string)firstOf2024["uuid"]!] = new((string)firstOf2024["uuid"]!, new DateTime(2024, 1, 1, 0, 30, 0), other, Groceries, "expenses", -7.25m, []);

        // Entries from 5 January to 24 May 2024, at the edges of local days (00:30, 23:30 in Rome are the UTC day before / same day).
        string[][] labelSets = [[], [food], [trip], [food, trip]];
        for (var i = 0; i < 48; i++)
        {
            var local = new DateTime(2024, 1, 5).AddDays(random.Next(0, 140)).Add(new[] { new TimeSpan(0, 30, 0), new TimeSpan(12, 0, 0), new TimeSpan(23, 30, 0) }[random.Next(3)]);
            var on = random.Next(2) == 0 ? wallet : other;
            var labels = labelSets[random.Next(labelSets.Length)];
            var amount = random.Next(100, 20_000) / 100m;
            JsonNode created;
            ModelEntry entry;
            if (random.Next(5) == 0)
            {
                created = await CreatedAsync(client, "/api/entry/income", new { amount, date_time = Local(local), account_id = on, category_id = Salary, labels });
                entry = new((string)created["uuid"]!, local, on, Salary, "incoming", amount, labels);
            }
            else
            {
                var category = random.Next(2) == 0 ? Groceries : Clothing;
                created = await ExpenseAsync(client, on, -amount, local, category, labels);
                entry = new((string)created["uuid"]!, local, on, category, "expenses", -amount, labels);
            }
            model[entry.Uuid] = entry;
        }

        // Windows that start and end mid-month (edge days from day rows, whole months from month rows) and windows of whole
        // years (year rows, with the months and days around them), overlapping, all in one request.
        WindowBudget[] budgets =
        [
            new("A all", new(2024, 1, 15), new(2024, 4, 10)),
            new("B wallet and food", new(2024, 1, 15), new(2024, 4, 10), Wallets: [wallet], Tags: [food]),
            new("C groceries spending", new(2024, 2, 1), new(2024, 3, 31), Categories: [Groceries], Types: ["expenses"]),
            new("D other wallet", new(2024, 1, 20), new(2024, 5, 5), Wallets: [other]),
            new("E trip on the wallet, days only", new(2024, 3, 5), new(2024, 3, 25), Wallets: [wallet], Tags: [trip]),
            new("F clothing and salary, both wallets", new(2024, 2, 10), new(2024, 5, 20), Wallets: [wallet, other], Categories: [Clothing, Salary]),
            new("G food, whole months", new(2024, 1, 1), new(2024, 5, 31), Tags: [food]),
            new("H food or trip, other wallet", new(2024, 2, 15), new(2024, 4, 15), Wallets: [other], Tags: [food, trip]),
            new("I incomes of the wallet", new(2024, 1, 6), new(2024, 5, 24), Wallets: [wallet], Types: ["incoming"]),
            new("J all of 2024", new(2024, 1, 1), new(2024, 12, 31)),
            new("K other wallet, 2023 and 2024", new(2023, 1, 1), new(2024, 12, 31), Wallets: [other]),
            new("L all of 2023", new(2023, 1, 1), new(2023, 12, 31)),
            new("M groceries spending, December 2023 to January 2025", new(2023, 12, 1), new(2025, 1, 31), Categories: [Groceries], Types: ["expenses"]),
        ];
        var uuids = new List<string>();
        foreach (var b in budgets)
        {
            var created = await CreatedAsync(client, "/api/budget/create", new
            {
                name = b.Name, amount = 1000,
                configuration = new
                {
                    period = "one-shot", period_start = b.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period_end = b.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    accounts = b.Wallets, categories = b.Categories, types = b.Types, tags = b.Tags,
                },
            });
            uuids.Add((string)created["uuid"]!);
        }

        const string AsInserted = "as inserted";
        async Task CheckAsync(string when)
        {
            var expected = budgets.Select(b => (b.Name, Spent: b.Spent(model.Values))).ToList();
            var all = (await OkAsync(client, "/api/budgets/stats")).AsArray();
            var actual = all.Select(b => (Name: (string)b!["budget"]!["name"]!, Spent: Number(b["totalSpent"]))).ToList();
            Assert.True(expected.SequenceEqual(actual), $"{when}:\nexpected {string.Join("; ", expected)}\nactual   {string.Join("; ", actual)}");
            // One budget alone is answered by the same computation.
            Assert.Equal(budgets[1].Spent(model.Values), Number((await OkAsync(client, $"/api/budget/{uuids[1]}/stats"))["totalSpent"]));
            if (when == AsInserted)
            {
                // Every budget has something to count in the seeded data (after the edits a budget may rightly count nothing).
                Assert.All(budgets, b => Assert.NotEqual(0m, b.Spent(model.Values)));
            }
        }
        await CheckAsync(AsInserted);

        // Edited after the aggregates were built: new amounts and dates (across the windows' edges), moves to the other
        // wallet and another sub-category, label changes, deletes and a restore.
        // Chosen by the seeded values, not by the uuids (new on every run), so every run edits the same entries.
        var expenses = model.Values.Where(e => e.Type == "expenses").OrderBy(e => e.Local).ThenBy(e => e.Amount).ToList();
        foreach (var e in expenses.Take(12))
        {
            var changed = e with
            {
                Local = e.Local.AddDays(random.Next(-20, 21)),
                Amount = -random.Next(100, 20_000) / 100m,
                Wallet = random.Next(3) == 0 ? (e.Wallet == wallet ? other : wallet) : e.Wallet,
                Category = random.Next(3) == 0 ? (e.Category == Groceries ? Clothing : Groceries) : e.Category,
            };
            var put = await client.PutAsJsonAsync($"/api/entry/expense/{e.Uuid}", new { amount = changed.Amount, date_time = Local(changed.Local), account_id = changed.Wallet, category_id = changed.Category });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            model[e.Uuid] = changed;
        }
        foreach (var e in model.Values.OrderByDescending(e => e.Local).ThenBy(e => e.Amount).Take(8).ToList())
        {
            var labels = labelSets[random.Next(labelSets.Length)];
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/entry/{e.Uuid}", new { labels })).StatusCode);
            model[e.Uuid] = e with { Labels = labels };
        }
        var deleted = model.Values.Where((_, i) => i % 7 == 3).ToList();
        foreach (var e in deleted)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/{e.Uuid}")).StatusCode);
            model.Remove(e.Uuid);
        }
        Assert.True((await client.PatchAsync($"/api/entry/{deleted[0].Uuid}/restore", null)).IsSuccessStatusCode);
        model[deleted[0].Uuid] = deleted[0];
        await CheckAsync("after edits, moves, label changes, deletes and a restore");
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Stats_of_all_budgets_format_percentages_as_strings()
    {
        var (_, wallet, client, _) = await SetupAsync();
        await ExpenseAsync(client, wallet, -6.15m, new DateTime(2024, 7, 4, 10, 0, 0));
        await CreatedAsync(client, "/api/budget/create", new { name = "A", amount = 100, configuration = new { period = "one-shot", period_start = "2024-07-01", period_end = "2024-07-31" } });
        await CreatedAsync(client, "/api/budget/create", new { name = "B", amount = 1000, configuration = new { period = "one-shot", period_start = "2024-08-01", period_end = "2024-08-31" } });

        var all = (await OkAsync(client, "/api/budgets/stats")).AsArray();
        Assert.Equal(2, all.Count);
        Assert.Equal("6.15%", (string)all[0]!["totalSpentPercentage"]!);
        Assert.Equal("93.85%", (string)all[0]!["totalRemainingPercentage"]!);
        Assert.Equal("A", (string)all[0]!["budget"]!["name"]!);
        Assert.Equal("0%", (string)all[1]!["totalSpentPercentage"]!);
        Assert.Equal("100%", (string)all[1]!["totalRemainingPercentage"]!);
    }
}

public sealed class SqliteBudgetTests(SqliteApp app) : BudgetTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresBudgetTests(PostgresApp app) : BudgetTests(app), IClassFixture<PostgresApp>;
