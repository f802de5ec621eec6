using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

/// <summary>
/// Statistics through HTTP. Every expected figure is computed here from the entries the test inserted
/// (their local day, type, amount and flags), never read back from the server's own tables.
/// </summary>
public abstract class StatsTests(BudgetApp app)
{
    private const int Groceries = 3;
    private const int Clothing = 4;
    private const int Salary = 63;
    private const int ExcludedCategory = 76;

    /// <summary>An entry as the test knows it: local wall-clock time in the workspace's zone, amount in the workspace currency.</summary>
    private sealed record Known(string Type, decimal BaseAmount, DateTime Local, int Category, bool Counted = true);

    private async Task<(Guid Workspace, Guid Wallet, HttpClient Client, TestUser User)> SetupAsync(string zone)
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Stats", new { workspace = new { name = "Stats", time_zone = zone } });
        return (ws, await app.DefaultWalletAsync(ws), user.Client(ws), user);
    }

    private static string Local(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var json = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json;
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var json = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, path + " " + json.ToJsonString());
        return json;
    }

    private static decimal Sum(IEnumerable<Known> entries, string type, DateOnly from, DateOnly to, int? category = null) =>
        entries.Where(e => e.Counted && e.Type == type && DateOnly.FromDateTime(e.Local) >= from && DateOnly.FromDateTime(e.Local) <= to
            && (category is null || e.Category == category)).Sum(e => e.BaseAmount);

    private static decimal Number(JsonNode? node) => decimal.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture);

    /// <summary>Inserts the month-edge fixture: a leap day, midnights on both sides of month ends, and everything that must not count.</summary>
    private async Task<List<Known>> SeedAsync(Guid ws, Guid wallet, HttpClient client)
    {
        var known = new List<Known>();
        async Task Add(string type, decimal amount, DateTime local, int category, bool counted = true, object? extra = null)
        {
            var body = new Dictionary<string, object?> { ["amount"] = amount, ["date_time"] = Local(local), ["account_id"] = wallet, ["category_id"] = category };
            foreach (var property in extra?.GetType().GetProperties() ?? [])
            {
                body[property.Name] = property.GetValue(extra);
            }
            await PostAsync(client, $"/api/entry/{type}", body);
            known.Add(new Known(type == "income" ? "incoming" : "expenses", amount, local, category, counted));
        }
        await Add("expense", -5.00m, new DateTime(2024, 1, 31, 23, 59, 0), Clothing);
        await Add("expense", -2.50m, new DateTime(2024, 2, 1, 0, 0, 0), Clothing);
        await Add("expense", -10.00m, new DateTime(2024, 2, 29, 23, 30, 0), Groceries);
        await Add("expense", -20.00m, new DateTime(2024, 3, 1, 0, 30, 0), Groceries);
        await Add("income", 100.00m, new DateTime(2024, 2, 15, 12, 0, 0), Salary);
        await Add("expense", -7.00m, new DateTime(2024, 2, 10, 9, 0, 0), Groceries, counted: false, extra: new { confirmed = false });
        await Add("expense", -3.00m, new DateTime(2024, 2, 11, 9, 0, 0), Groceries, counted: false, extra: new { exclude_from_stats = true });
        await Add("expense", -6.00m, new DateTime(2024, 2, 12, 9, 0, 0), ExcludedCategory, counted: false);
        // Another currency: 10 USD at 0.9 is 9.00 in the workspace currency.
        await client.PutAsJsonAsync("/api/currencies/rates/USD", new { rate = 0.9m });
        await PostAsync(client, "/api/entry/expense", new { amount = -10.00m, date_time = Local(new DateTime(2024, 2, 20, 8, 0, 0)), account_id = wallet, category_id = Groceries, currency_id = "USD" });
        known.Add(new Known("expenses", -9.00m, new DateTime(2024, 2, 20, 8, 0, 0), Groceries));
        // A transfer is neither income nor expense.
        var savings = await app.AddWalletAsync(ws, "Savings", currencyId: 2);
        await PostAsync(client, "/api/entry/transfer", new { amount = 50, date_time = Local(new DateTime(2024, 2, 10, 10, 0, 0)), account_id = wallet, transfer_id = savings });
        return known;
    }

    [Theory]
    [InlineData("Pacific/Auckland")]
    [InlineData("America/Los_Angeles")]
    [InlineData("UTC")]
    public async Task Month_totals_take_whole_local_days_including_the_last_one(string zone)
    {
        var (ws, wallet, client, _) = await SetupAsync(zone);
        var known = await SeedAsync(ws, wallet, client);
        var feb = (new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29));
        var jan = (new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31));

        var expenses = await GetAsync(client, "/api/stats/expenses?start_date=2024-2-1&end_date=2024-2-29");
        var expected = Sum(known, "expenses", feb.Item1, feb.Item2);
        var previous = Sum(known, "expenses", jan.Item1, jan.Item2);
        Assert.Equal(-21.50m, expected);
        Assert.Equal(expected, Number(expenses["total"]));
        Assert.Equal(previous, Number(expenses["total_passed"]));
        Assert.Equal((int)Math.Round((expected - previous) * 100 / Math.Abs(previous), MidpointRounding.AwayFromZero), (int)expenses["percentage"]!);

        var incoming = await GetAsync(client, "/api/stats/incoming?start_date=2024-02-01&end_date=2024-02-29");
        Assert.Equal(Sum(known, "incoming", feb.Item1, feb.Item2), Number(incoming["total"]));
        Assert.Equal(0, (int)incoming["percentage"]!);

        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Line_chart_has_one_point_per_range_and_series_in_order()
    {
        var (ws, wallet, client, _) = await SetupAsync("Europe/Rome");
        var known = await SeedAsync(ws, wallet, client);
        var months = new[] { (1, 31), (2, 29), (3, 31) };
        var query = string.Join('&', months.Select((m, i) => $"date_time[{i}][start]=2024/{m.Item1}/01&date_time[{i}][end]=2024/{m.Item1}/{m.Item2}"));

        var chart = await GetAsync(client, "/api//stats/chart/line/incoming-expenses?" + query);

        Assert.Equal("Line", (string)chart["type"]!);
        var series = chart["series"]!.AsArray();
        Assert.Equal(["incoming", "expenses", "debit", "savings"], series.Select(s => (string)s!["label"]!));
        for (var i = 0; i < months.Length; i++)
        {
            var from = new DateOnly(2024, months[i].Item1, 1);
            var to = new DateOnly(2024, months[i].Item1, months[i].Item2);
            var inc = Sum(known, "incoming", from, to);
            var exp = Sum(known, "expenses", from, to);
            var max = new[] { inc, exp, 0m, 0m }.Max();
            Assert.Equal(inc, Number(series[0]!["dataPoints"]![i]!["xValue"]));
            Assert.Equal(exp, Number(series[1]!["dataPoints"]![i]!["xValue"]));
            Assert.Equal(max, Number(series[1]!["dataPoints"]![i]!["yValue"]));
            Assert.Equal(new DateTime(2024, months[i].Item1, 1).ToString("MMM", CultureInfo.InvariantCulture), (string)series[0]!["dataPoints"]![i]!["label"]!);
        }
        Assert.Equal((string)series[0]!["color"]!, (string)(await GetAsync(client, "/api/stats/chart/line/incoming-expenses?" + query))["series"]![0]!["color"]!);
    }

    [Fact]
    public async Task Category_charts_sum_by_sub_category_id_and_compare_with_the_previous_month()
    {
        var (ws, wallet, client, _) = await SetupAsync("America/New_York");
        var known = await SeedAsync(ws, wallet, client);
        var from = new DateOnly(2024, 2, 1);
        var to = new DateOnly(2024, 2, 29);

        var bar = await GetAsync(client, "/api/stats/chart/bar/expenses/category?date_time[0][start]=2024-2-1&date_time[0][end]=2024-2-29");
        var bars = bar["bar"]!.AsArray();
        var groceries = bars.Single(b => (int)b!["data"]!["id"]! == Groceries)!;
        Assert.Equal(Sum(known, "expenses", from, to, Groceries), Number(groceries["value"]));
        Assert.Equal(-19.00m, Number(groceries["value"]));
        Assert.Equal(Sum(known, "expenses", from, to, Clothing), Number(bars.Single(b => (int)b!["data"]!["id"]! == Clothing)!["value"]));
        Assert.Equal(0m, Number(bars.Single(b => (int)b!["data"]!["id"]! == ExcludedCategory)!["value"]));
        // Both "gifts" sub-categories are there: rows are keyed by id, not slug.
        Assert.Equal(2, bars.Count(b => (string)b!["data"]!["slug"]! == "gifts"));

        var table = await GetAsync(client, "/api/stats/chart/table/expenses/category?date_time[0][start]=2024-2-1&date_time[0][end]=2024-2-29");
        var clothing = table["rows"]!.AsArray().Single(r => (int)r!["category_id"]! == Clothing)!;
        var now = Sum(known, "expenses", from, to, Clothing);
        var before = Sum(known, "expenses", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), Clothing);
        Assert.Equal(now, Number(clothing["amount"]));
        Assert.Equal(before, Number(clothing["prevAmount"]));
        Assert.Equal(Math.Round((now - before) * 100 / before, 2), Number(clothing["bounceRate"]));
        var groceriesRow = table["rows"]!.AsArray().Single(r => (int)r!["category_id"]! == Groceries)!;
        Assert.Null(groceriesRow["bounceRate"]); // nothing the month before: no base to compare with
    }

    [Fact]
    public async Task Excluded_wallets_count_again_when_the_flag_is_cleared()
    {
        var (ws, wallet, client, _) = await SetupAsync("UTC");
        var other = await app.AddWalletAsync(ws, "Hidden", currencyId: 2);
        await PostAsync(client, "/api/entry/expense", new { amount = -4.00m, date_time = "2024-02-12 10:00:00", account_id = other, category_id = Groceries });
        await PostAsync(client, "/api/entry/expense", new { amount = -1.00m, date_time = "2024-02-12 10:00:00", account_id = wallet, category_id = Groceries });
        await SetWalletExcludedAsync(other, true);

        Assert.Equal(-1.00m, Number((await GetAsync(client, "/api/stats/expenses?start_date=2024-2-1&end_date=2024-2-29"))["total"]));

        await SetWalletExcludedAsync(other, false);
        Assert.Equal(-5.00m, Number((await GetAsync(client, "/api/stats/expenses?start_date=2024-2-1&end_date=2024-2-29"))["total"]));
    }

    /// <summary>Sets the flag behind the API's back, so it also invalidates the workspace's cached reads as an API write would.</summary>
    private async Task SetWalletExcludedAsync(Guid wallet, bool excluded)
    {
        var workspaceId = await app.WithDbAsync(async db =>
        {
            await db.Wallets.Where(w => w.Uuid == wallet).ExecuteUpdateAsync(s => s.SetProperty(w => w.ExcludeFromStats, excluded));
            return await db.Wallets.Where(w => w.Uuid == wallet).Select(w => w.WorkspaceId).SingleAsync();
        });
        await app.Service<BudgetControl.Hosting.Cache.WorkspaceVersions>().BumpAsync(workspaceId);
    }

    [Fact]
    public async Task Entries_edited_moved_deleted_and_restored_after_the_aggregates_were_built_move_the_figures()
    {
        var (ws, wallet, client, _) = await SetupAsync("Asia/Tokyo");
        var other = await app.AddWalletAsync(ws, "Second", currencyId: 2);
        var a = await PostAsync(client, "/api/entry/expense", new { amount = -10.00m, date_time = "2024-02-10 12:00:00", account_id = wallet, category_id = Groceries });
        var b = await PostAsync(client, "/api/entry/expense", new { amount = -20.00m, date_time = "2024-02-11 12:00:00", account_id = wallet, category_id = Groceries });
        async Task<(decimal Feb, decimal Mar)> TotalsAsync() => (
            Number((await GetAsync(client, "/api/stats/expenses?start_date=2024-2-1&end_date=2024-2-29"))["total"]),
            Number((await GetAsync(client, "/api/stats/expenses?start_date=2024-3-1&end_date=2024-3-31"))["total"]));
        Assert.Equal((-30.00m, 0m), await TotalsAsync());

        // Edited: amount and date into March (local day in Tokyo).
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/entry/expense/{a["uuid"]}", new { amount = -12.00m, date_time = "2024-03-01 00:10:00", account_id = wallet, category_id = Groceries })).StatusCode);
        Assert.Equal((-20.00m, -12.00m), await TotalsAsync());
        // Moved to another wallet and category: the totals stay, the category chart moves.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/entry/expense/{b["uuid"]}", new { amount = -20.00m, date_time = "2024-02-11 12:00:00", account_id = other, category_id = Clothing })).StatusCode);
        Assert.Equal((-20.00m, -12.00m), await TotalsAsync());
        var bars = (await GetAsync(client, "/api/stats/chart/bar/expenses/category?date_time[0][start]=2024-2-1&date_time[0][end]=2024-2-29"))["bar"]!.AsArray();
        Assert.Equal(-20.00m, Number(bars.Single(x => (int)x!["data"]!["id"]! == Clothing)!["value"]));
        Assert.Equal(0m, Number(bars.Single(x => (int)x!["data"]!["id"]! == Groceries)!["value"]));
        // Deleted, then restored.
        Assert.True((await client.DeleteAsync($"/api/entry/{b["uuid"]}")).IsSuccessStatusCode);
        Assert.Equal((0m, -12.00m), await TotalsAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/api/entry/{b["uuid"]}/restore", null)).StatusCode);
        Assert.Equal((-20.00m, -12.00m), await TotalsAsync());
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Changing_the_time_zone_moves_entries_to_their_new_local_day()
    {
        var (ws, wallet, client, user) = await SetupAsync("UTC");
        await PostAsync(client, "/api/entry/expense", new { amount = -8.00m, date_time = "2024-03-31T23:30:00Z", account_id = wallet, category_id = Groceries });
        Assert.Equal(-8.00m, Number((await GetAsync(client, "/api/stats/expenses?start_date=2024-3-1&end_date=2024-3-31"))["total"]));

        var update = await user.Client().PutAsJsonAsync($"/api/workspace/update/{ws}", new { time_zone = "Europe/Rome" });
        Assert.True(update.IsSuccessStatusCode, (await update.Json()).ToJsonString());

        // 23:30 UTC on 31 March is 01:30 on 1 April in Rome.
        Assert.Equal(0m, Number((await GetAsync(client, "/api/stats/expenses?start_date=2024-3-1&end_date=2024-3-31"))["total"]));
        Assert.Equal(-8.00m, Number((await GetAsync(client, "/api/stats/expenses?start_date=2024-4-1&end_date=2024-4-30"))["total"]));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Label_charts_sum_expenses_per_label_with_stable_colours()
    {
        var (ws, wallet, client, _) = await SetupAsync("UTC");
        var both = await PostAsync(client, "/api/entry/expense", new { amount = -10.00m, date_time = "2024-02-10 12:00:00", account_id = wallet, category_id = Groceries, labels = new[] { new { name = "food", color = "#112233" }, new { name = "home", color = "#445566" } } });
        var five = await PostAsync(client, "/api/entry/expense", new { amount = -5.00m, date_time = "2024-02-11 12:00:00", account_id = wallet, category_id = Groceries, labels = new[] { new { name = "food", color = "#112233" } } });
        await PostAsync(client, "/api/entry/expense", new { amount = -99.00m, date_time = "2024-03-11 12:00:00", account_id = wallet, category_id = Groceries, labels = new[] { new { name = "food", color = "#112233" } } });

        var chart = await GetAsync(client, "/api/stats/chart/bar/expenses/label?date_time[0][start]=2024-02-01&date_time[0][end]=2024-02-29");
        var bars = chart["bar"]!.AsArray();
        Assert.Equal(-15.00m, Number(bars.Single(b => (string)b!["data"]!["name"]! == "food")!["value"]));
        Assert.Equal(-10.00m, Number(bars.Single(b => (string)b!["data"]!["name"]! == "home")!["value"]));
        Assert.Equal("#112233", (string)bars.Single(b => (string)b!["data"]!["name"]! == "food")!["color"]!);

        var only = await GetAsync(client, "/api/stats/chart/bar/expenses/label?date_time[0][start]=2024-02-01&date_time[0][end]=2024-02-29&labels[]=home");
        Assert.Single(only["bar"]!.AsArray());

        var pie = await GetAsync(client, "/api/stats/chart/apple-pie/expenses/label?date_time[0][start]=2024-02-01&date_time[0][end]=2024-02-29");
        Assert.Equal("Apple", (string)pie["type"]!);
        Assert.Equal(-15.00m, Number(pie["field"]!.AsArray().Single(f => (string)f!["label"]! == "food")!["value"]));

        // Labels changed after the sums were kept: the -5 moves from food to home, then the -10 is deleted,
        // so food carries nothing in February any more and leaves the chart.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/entry/{five["uuid"]}", new { labels = new[] { "home" } })).StatusCode);
        bars = (await GetAsync(client, "/api/stats/chart/bar/expenses/label?date_time[0][start]=2024-02-01&date_time[0][end]=2024-02-29"))["bar"]!.AsArray();
        Assert.Equal(-10.00m, Number(bars.Single(b => (string)b!["data"]!["name"]! == "food")!["value"]));
        Assert.Equal(-15.00m, Number(bars.Single(b => (string)b!["data"]!["name"]! == "home")!["value"]));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/{both["uuid"]}")).StatusCode);
        bars = (await GetAsync(client, "/api/stats/chart/bar/expenses/label?date_time[0][start]=2024-02-01&date_time[0][end]=2024-02-29"))["bar"]!.AsArray();
        Assert.Equal(["home"], bars.Select(b => (string)b!["data"]!["name"]!));
        Assert.Equal(-5.00m, Number(bars.Single()!["value"]));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Filtered_table_applies_wallet_label_and_category_filters_and_ignores_other_workspaces_ids()
    {
        var (ws, wallet, client, _) = await SetupAsync("UTC");
        var known = await SeedAsync(ws, wallet, client);
        var body = new { date = new { start = "2024/02/01", end = "2024/02/29" } };
        var workspaceId = await app.WithDbAsync(db => db.Workspaces.Where(w => w.Uuid == ws).Select(w => w.Id).SingleAsync());
        var versions = app.Service<BudgetControl.Hosting.Cache.WorkspaceVersions>();
        var version = await versions.CurrentAsync(workspaceId);

        var all = (await client.PostAsJsonAsync("/api/stats/entries", body));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        // The table is a read sent as POST: it keeps the workspace's version (and so every cached read) as it is.
        Assert.Equal(version, await versions.CurrentAsync(workspaceId));
        var rows = (await all.Json())["rows"]!.AsArray();
        Assert.Equal("incoming", (string)rows[0]!["type"]!);
        Assert.Equal(Sum(known, "expenses", new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29), Groceries), Number(rows.Single(r => (int)r!["category_id"]! == Groceries)!["amount"]));
        Assert.Equal(Sum(known, "incoming", new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29), Salary), Number(rows.Single(r => (int)r!["category_id"]! == Salary)!["amount"]));

        var stranger = await app.NewUserAsync("Stranger");
        var theirs = await stranger.CreateWorkspaceAsync("Theirs");
        var theirWallet = await app.DefaultWalletAsync(theirs);
        var filtered = await (await client.PostAsJsonAsync("/api/stats/entries", new { date = body.date, accounts = new[] { theirWallet } })).Json();
        Assert.All(filtered["rows"]!.AsArray(), r => Assert.Equal(0m, Number(r!["amount"])));

        var mine = await (await client.PostAsJsonAsync("/api/stats/entries", new { date = body.date, accounts = new[] { wallet }, payment_methods = new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, categories = new[] { Groceries } })).Json();
        Assert.Equal(-19.00m, Number(mine["rows"]!.AsArray().Single()!["amount"]));

        // Another workspace's data never shows: the stranger sees nothing of ours.
        var strangerStats = await GetAsync(stranger.Client(theirs), "/api/stats/expenses?start_date=2024-2-1&end_date=2024-2-29");
        Assert.Equal(0m, Number(strangerStats["total"]));
    }

    [Fact]
    public async Task Planned_figures_count_this_months_planned_entries_and_plan_occurrences()
    {
        var (ws, wallet, client, _) = await SetupAsync("UTC");
        var card = await app.AddWalletAsync(ws, "Card", currencyId: 2, opening: -300_00);
        await app.WithDbAsync(db => db.Wallets.Where(w => w.Uuid == card).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.Installement, true).SetProperty(w => w.InstallementValue, 50_00).SetProperty(w => w.Type, Data.Entities.WalletType.CreditCard)
            .SetProperty(w => w.InvoiceDate, DateOnly.FromDateTime(DateTime.UtcNow.AddMinutes(1)))));
        var now = DateTime.UtcNow;
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var lastMinute = monthStart.AddMonths(1).AddMinutes(-1);
        var plans = new (string Planning, decimal Amount)[] { ("monthly", -100m), ("weekly", -20m), ("daily", -5m), ("yearly", -1000m) };
        foreach (var (planning, amount) in plans)
        {
            var plan = await client.PostAsJsonAsync("/api/entry/planned", new { date_time = monthStart.AddHours(10).ToString("O"), planning, type = "expenses", amount, account_id = wallet, category_id = Groceries });
            Assert.True(plan.StatusCode == HttpStatusCode.Created, (await plan.Json()).ToJsonString());
        }
        // An occurrence of each plan on each day it falls on this month, counted here day by day.
        var expectedMonthly = 0m;
        for (var day = monthStart; day < monthStart.AddMonths(1); day = day.AddDays(1))
        {
            expectedMonthly += plans.Where(p => p.Planning switch
            {
                "daily" => true,
                "weekly" => (day - monthStart).Days % 7 == 0,
                _ => day.Day == 1,
            }).Sum(p => p.Amount);
        }
        Assert.Equal(expectedMonthly, Number((await GetAsync(client, "/api/stats/total/planned/monthly"))["total"]));
        Assert.Equal(-100m - 50m, Number((await GetAsync(client, "/api/stats/total-loan-installments"))["total"]));

        if (lastMinute < now.AddMinutes(2))
        {
            return; // no future minute left in this month to plan an entry in
        }
        await PostAsync(client, "/api/entry/expense", new { amount = -40.00m, date_time = lastMinute.ToString("O"), account_id = wallet, category_id = Groceries });
        await PostAsync(client, "/api/entry/income", new { amount = 15.00m, date_time = lastMinute.ToString("O"), account_id = wallet, category_id = Salary });
        await PostAsync(client, "/api/entry/expense", new { amount = -9.00m, date_time = lastMinute.AddMinutes(1).ToString("O"), account_id = wallet, category_id = Groceries }); // next month
        Assert.Equal(-40.00m, Number((await GetAsync(client, "/api/stats/total/planned/remaining"))["total"]));
        // Health: wallets (0 + card −300) + this month's planned (−25). Forecast: non-credit wallets + their planned − the card's instalment.
        Assert.Equal(-300m - 25m, Number((await GetAsync(client, "/api/stats/health"))["total"]));
        Assert.Equal(-25m - 50m, Number((await GetAsync(client, "/api/stats/total/planned"))["total"]));
    }

    [Theory]
    [InlineData("/api/stats/expenses?start_date=2024-13-01", "start_date")]
    [InlineData("/api/stats/incoming?start_date=2024-3-1&end_date=2024-2-1", "end_date")]
    [InlineData("/api/stats/chart/line/incoming-expenses?date_time[0][start]=nope&date_time[0][end]=2024-1-31", "date_time[0][start]")]
    [InlineData("/api/stats/chart/bar/expenses/category?date_time[0][start]=2024-1-1", "date_time[0][end]")]
    public async Task Bad_dates_are_400_naming_the_field(string path, string field)
    {
        var (_, _, client, _) = await SetupAsync("UTC");
        var problem = await (await client.GetAsync(path)).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Bad_filters_of_the_table_are_400_naming_the_field()
    {
        var (_, _, client, _) = await SetupAsync("UTC");
        var problem = await (await client.PostAsJsonAsync("/api/stats/entries", new { date = new { start = "2024/02/31" }, accounts = "x" })).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["date.start"]);
        Assert.NotNull(problem["errors"]!["accounts"]);
    }

    [Fact]
    public async Task Wallet_totals_health_payees_and_averages_follow_the_definitions()
    {
        var (ws, wallet, client, _) = await SetupAsync("UTC");
        var card = await app.AddWalletAsync(ws, "Card", currencyId: 2, opening: -30_00);
        var archived = await app.AddWalletAsync(ws, "Old", currencyId: 2, opening: 200_00);
        var excluded = await app.AddWalletAsync(ws, "Hidden", currencyId: 2, opening: 500_00);
        await app.WithDbAsync(async db =>
        {
            await db.Wallets.Where(w => w.Uuid == card).ExecuteUpdateAsync(s => s.SetProperty(w => w.Installement, true));
            await db.Wallets.Where(w => w.Uuid == archived).ExecuteUpdateAsync(s => s.SetProperty(w => w.Archived, true));
            return await db.Wallets.Where(w => w.Uuid == excluded).ExecuteUpdateAsync(s => s.SetProperty(w => w.ExcludeFromStats, true));
        });
        var now = DateTime.UtcNow;
        await PostAsync(client, "/api/entry/expense", new { amount = -12.34m, date_time = now.AddMinutes(-1).ToString("O"), account_id = wallet, category_id = Groceries });
        await PostAsync(client, "/api/entry/income", new { amount = 100.00m, date_time = now.AddMinutes(-1).ToString("O"), account_id = wallet, category_id = Salary });
        await PostAsync(client, "/api/entry/debit", new { amount = -40.00m, date_time = now.AddMinutes(-1).ToString("O"), account_id = wallet, payee_id = "Mario" });
        await PostAsync(client, "/api/entry/debit", new { amount = 15.00m, date_time = now.AddMinutes(-1).ToString("O"), account_id = wallet, payee_id = "Luigi" });
        var walletBalance = -12.34m + 100m - 40m + 15m;

        Assert.Equal(walletBalance, Number((await GetAsync(client, "/api/stats/total"))["total"]));
        // Health includes credit wallets; nothing planned in this month here.
        Assert.Equal(walletBalance - 30m, Number((await GetAsync(client, "/api/stats/health"))["total"]));
        Assert.Equal(-40.00m, Number((await GetAsync(client, "/api/stats/debits/total-negative"))["total"]));
        Assert.Equal(15.00m, Number((await GetAsync(client, "/api/stats/debits/total-positive"))["total"]));
        var wallets = (await GetAsync(client, "/api/stats/wallets")).AsArray();
        Assert.Equal(4, wallets.Count);
        Assert.Equal((string)wallets[0]!["uuid"]!, (string)wallets[0]!["id"]!);

        var today = DateOnly.FromDateTime(now.AddMinutes(-1));
        var months = today.Month - 1 + (decimal)today.Day / DateTime.DaysInMonth(today.Year, today.Month);
        Assert.Equal(Math.Round(-12.34m / months, 2, MidpointRounding.AwayFromZero), Number((await GetAsync(client, "/api/stats/average-expenses"))["total"]));
        Assert.Equal(Math.Round(100m / months, 2, MidpointRounding.AwayFromZero), Number((await GetAsync(client, "/api/stats/average-incoming"))["total"]));
        Assert.Equal(0m, Number((await GetAsync(client, "/api/stats/average-savings"))["total"]));
    }
}

public sealed class SqliteStatsTests(SqliteApp app) : StatsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresStatsTests(PostgresApp app) : StatsTests(app), IClassFixture<PostgresApp>;
