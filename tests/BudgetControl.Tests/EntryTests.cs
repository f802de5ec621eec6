using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BudgetControl.Data;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

public abstract class EntryTests(BudgetApp app)
{
    private static string Past(int daysAgo = 1) => DateTime.UtcNow.AddDays(-daysAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Future(int days = 10) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private async Task<(TestUser User, Guid Workspace, Guid Wallet, HttpClient Client)> SetupAsync(object? workspace = null)
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Money", workspace);
        return (user, ws, await app.DefaultWalletAsync(ws), user.Client(ws));
    }

    [Fact]
    public async Task Expense_moves_the_wallet_and_keeps_exact_decimals()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var response = await client.PostAsJsonAsync("/api/entry/expense", new { amount = -12.10m, date_time = Past(), account_id = wallet, category_id = 3, note = "groceries" });
        var body = await response.Json();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("-12.10", body["amount"]!.ToJsonString());
        Assert.Equal("expenses", (string)body["type"]!);
        Assert.False((bool)body["planned"]!);
        Assert.True((bool)body["confirmed"]!);
        Assert.Equal(3, (int)body["sub_category"]!["id"]!);
        Assert.Equal(wallet.ToString(), (string)body["account_id"]!);
        Assert.Equal(-1210, await app.WalletBalanceAsync(wallet));

        await client.PostAsJsonAsync("/api/entry/expense", new { amount = -0.20m, date_time = Past(), account_id = wallet });
        await client.PostAsJsonAsync("/api/entry/income", new { amount = 0.30m, date_time = Past(), account_id = wallet });
        Assert.Equal(-1200, await app.WalletBalanceAsync(wallet));
    }

    [Theory]
    [InlineData("expense", 5)]
    [InlineData("income", -5)]
    [InlineData("saving", -5)]
    [InlineData("saving", 0)]
    [InlineData("transfer", -5)]
    public async Task Amounts_with_the_wrong_sign_are_a_400_naming_amount(string type, int amount)
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var goal = await app.AddGoalAsync(ws);
        var other = await app.AddWalletAsync(ws);
        var response = await client.PostAsJsonAsync($"/api/entry/{type}", new { amount, date_time = Past(), account_id = wallet, goal_id = goal, transfer_id = other });
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["amount"]);
        Assert.Empty(await app.InconsistenciesAsync(ws));
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_fields()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var missing = await client.PostAsJsonAsync("/api/entry/expense", new { note = "x" });
        var errors = (await missing.Problem(HttpStatusCode.BadRequest))["errors"]!;
        Assert.NotNull(errors["amount"]);
        Assert.NotNull(errors["date_time"]);
        Assert.NotNull(errors["account_id"]);

        var tooPrecise = await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1.005m, date_time = Past(), account_id = wallet });
        Assert.NotNull((await tooPrecise.Problem(HttpStatusCode.BadRequest))["errors"]!["amount"]);
        var badCategory = await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Past(), account_id = wallet, category_id = 999 });
        Assert.NotNull((await badCategory.Problem(HttpStatusCode.BadRequest))["errors"]!["category_id"]);
        var badDate = await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = "yesterday-ish", account_id = wallet });
        Assert.NotNull((await badDate.Problem(HttpStatusCode.BadRequest))["errors"]!["date_time"]);
        var malformed = await client.PostAsync("/api/entry/expense", new StringContent("{\"amount\": ", Encoding.UTF8, "application/json"));
        await malformed.Problem(HttpStatusCode.BadRequest);
        var wrongType = await client.PostAsync("/api/entry/expense", new StringContent("{\"amount\": \"ten\"}", Encoding.UTF8, "application/json"));
        await wrongType.Problem(HttpStatusCode.BadRequest);
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task An_update_keeps_absent_fields_clears_nulls_and_names_wrong_types()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var when = Past(2);
        var created = await (await client.PostAsJsonAsync("/api/entry/expense", new
        {
            amount = -5, date_time = when, account_id = wallet, category_id = 3, note = "lunch", payee_id = "Shop", labels = new[] { "food" },
            geolocation = new { lat = 45.1, lng = 9.2 }, waranty = true,
        })).Json();
        var uuid = (string)created["uuid"]!;

        // Absent: only the amount changes.
        var partial = await client.PutAsJsonAsync($"/api/entry/expense/{uuid}", new { amount = -6 });
        var updated = await partial.Json();
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal("-6.00", updated["amount"]!.ToJsonString());
        Assert.Equal("lunch", (string)updated["note"]!);
        Assert.Equal((string)created["payee_id"]!, (string)updated["payee_id"]!);
        Assert.Equal((string)created["date_time"]!, (string)updated["date_time"]!);
        Assert.Equal(3, (int)updated["category_id"]!);
        Assert.Equal(wallet.ToString(), (string)updated["account_id"]!);
        Assert.Single(updated["labels"]!.AsArray());
        Assert.NotNull(updated["geolocation"]);
        Assert.True((bool)updated["waranty"]!);
        Assert.Equal(-600, await app.WalletBalanceAsync(wallet));

        // Null clears the optional fields and keeps the rest.
        var cleared = await (await client.PutAsync($"/api/entry/expense/{uuid}", new StringContent(
            "{\"note\":null,\"payee_id\":null,\"labels\":null,\"geolocation\":null}", Encoding.UTF8, "application/json"))).Json();
        Assert.Null(cleared["note"]);
        Assert.Null(cleared["payee_id"]);
        Assert.Empty(cleared["labels"]!.AsArray());
        Assert.Null(cleared["geolocation"]);
        Assert.Equal("-6.00", cleared["amount"]!.ToJsonString());

        // Null (or the legacy "none") for a required field is a 400 naming it.
        foreach (var (body, field) in new[] { ("{\"amount\":null}", "amount"), ("{\"date_time\":null}", "date_time"), ("{\"account_id\":null}", "account_id"), ("{\"account_id\":false}", "account_id") })
        {
            var problem = await (await client.PutAsync($"/api/entry/expense/{uuid}", new StringContent(body, Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]![field] is not null, problem.ToJsonString());
        }

        // A wrong type is a 400 naming each such field, not the whole body.
        var wrong = await (await client.PutAsync($"/api/entry/expense/{uuid}", new StringContent(
            "{\"amount\":\"ten\",\"note\":5,\"category_id\":\"x\",\"confirmed\":\"maybe\",\"account_id\":{}}", Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["account_id", "amount", "category_id", "confirmed", "note"], wrong["errors"]!.AsObject().Select(e => e.Key).Order());
        var created2 = await client.PostAsync("/api/entry/expense", new StringContent(
            "{\"amount\":[1],\"date_time\":\"" + when + "\",\"account_id\":\"" + wallet + "\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(["amount"], (await created2.Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));

        var still = await (await client.GetAsync($"/api/entry/{uuid}")).Json();
        Assert.Equal("-6.00", still["amount"]!.ToJsonString());
        Assert.Equal(-600, await app.WalletBalanceAsync(wallet));

        // The original client's full edit body still updates it.
        var legacy = await client.PutAsync($"/api/entry/expense/{uuid}", new StringContent(
            "{\"amount\":-12.3,\"note\":null,\"labels\":[],\"currency_id\":2,\"payment_type\":1,\"transfer_id\":false,\"date_time\":\"2026-11-26T01:02:50.000Z\",\"confirmed\":true,\"waranty\":false,\"geolocalization\":\"\",\"planning\":0,\"end_date_time\":null,\"exclude_from_stats\":false,\"name\":null,\"type\":\"expenses\",\"account_id\":\"" + wallet + "\",\"category_id\":32}",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal(-1230, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task A_transfer_update_keeps_absent_fields_and_refuses_a_null_destination()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var savings = await app.AddWalletAsync(ws, "Savings");
        var pair = await (await client.PostAsJsonAsync("/api/entry/transfer", new { amount = 40, date_time = Past(), account_id = wallet, transfer_id = savings, note = "move" })).Json();
        var uuid = (string)pair["transfer_this"]!["uuid"]!;

        var noted = await client.PutAsJsonAsync($"/api/entry/transfer/{uuid}", new { note = "moved" });
        var body = await noted.Json();
        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        Assert.Equal("moved", (string)body["to_this"]!["note"]!);
        Assert.Equal("-40.00", body["transfer_this"]!["amount"]!.ToJsonString());
        Assert.Equal(savings.ToString(), (string)body["transfer_this"]!["transfer_id"]!);
        Assert.Equal(-4000, await app.WalletBalanceAsync(wallet));
        Assert.Equal(4000, await app.WalletBalanceAsync(savings));

        foreach (var (json, field) in new[] { ("{\"transfer_id\":null}", "transfer_id"), ("{\"transfer_id\":false}", "transfer_id"), ("{\"amount\":null}", "amount"), ("{\"amount\":true}", "amount") })
        {
            var problem = await (await client.PutAsync($"/api/entry/transfer/{uuid}", new StringContent(json, Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]![field] is not null, problem.ToJsonString());
        }
        Assert.Equal(4000, await app.WalletBalanceAsync(savings));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Updating_an_expense_moves_the_balance_by_the_difference()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var created = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -500, date_time = Past(), account_id = wallet })).Json();
        Assert.Equal(-50000, await app.WalletBalanceAsync(wallet));
        var updated = await client.PutAsJsonAsync($"/api/entry/expense/{created["uuid"]}", new { amount = -100, date_time = Past(), account_id = wallet });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        // The original's acceptance number: −500 → −100 moves the wallet by +400.
        Assert.Equal(-10000, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Moving_an_entry_to_another_wallet_moves_its_amount()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var other = await app.AddWalletAsync(ws);
        var entry = await (await client.PostAsJsonAsync("/api/entry/income", new { amount = 70, date_time = Past(), account_id = wallet })).Json();
        await client.PutAsJsonAsync($"/api/entry/income/{entry["uuid"]}", new { amount = 70, date_time = Past(), account_id = other });
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
        Assert.Equal(7000, await app.WalletBalanceAsync(other));
    }

    [Fact]
    public async Task Changing_the_type_keeps_wallet_and_goal_right()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var goal = await app.AddGoalAsync(ws);
        var entry = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -40, date_time = Past(), account_id = wallet })).Json();
        var saving = await client.PutAsJsonAsync($"/api/entry/saving/{entry["uuid"]}", new { amount = 40, date_time = Past(), account_id = wallet, goal_id = goal });
        Assert.Equal(HttpStatusCode.OK, saving.StatusCode);
        Assert.Equal("saving", (string)(await saving.Json())["type"]!);
        Assert.Equal(-4000, await app.WalletBalanceAsync(wallet));
        Assert.Equal(4000, await app.GoalBalanceAsync(goal));
        var income = await client.PutAsJsonAsync($"/api/entry/income/{entry["uuid"]}", new { amount = 40, date_time = Past(), account_id = wallet });
        Assert.Equal(HttpStatusCode.OK, income.StatusCode);
        Assert.Equal(4000, await app.WalletBalanceAsync(wallet));
        Assert.Equal(0, await app.GoalBalanceAsync(goal));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Savings_move_money_from_the_wallet_into_the_goal()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var goal = await app.AddGoalAsync(ws);
        var saving = await (await client.PostAsJsonAsync("/api/entry/saving", new { amount = 400, date_time = Past(), account_id = wallet, goal_id = goal })).Json();
        Assert.Equal(-40000, await app.WalletBalanceAsync(wallet));
        Assert.Equal(40000, await app.GoalBalanceAsync(goal));
        // The original's acceptance numbers: 400 → 150 gives wallet +250 and goal −250.
        await client.PutAsJsonAsync($"/api/entry/saving/{saving["uuid"]}", new { amount = 150, date_time = Past(), account_id = wallet, goal_id = goal });
        Assert.Equal(-15000, await app.WalletBalanceAsync(wallet));
        Assert.Equal(15000, await app.GoalBalanceAsync(goal));

        var list = await (await client.GetAsync($"/api/entry/{goal}/saving")).Json();
        Assert.Equal(1, (int)list["total"]!);
        await (await client.PostAsJsonAsync("/api/entry/saving", new { amount = 1, date_time = Past(), account_id = wallet })).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Debits_create_or_reuse_payees_by_name_and_move_their_balance()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var lent = await (await client.PostAsJsonAsync("/api/entry/debit", new { amount = -50, date_time = Past(), account_id = wallet, payee_id = "Marco" })).Json();
        Assert.Equal(55, (int)lent["category_id"]!);
        var payee = Guid.Parse((string)lent["payee_id"]!);
        var back = await (await client.PostAsJsonAsync("/api/entry/debit", new { amount = 20, date_time = Past(), account_id = wallet, payee_id = "marco" })).Json();
        Assert.Equal(payee.ToString(), (string)back["payee_id"]!);
        Assert.Equal(-3000, await app.PayeeBalanceAsync(payee));
        Assert.Equal(-3000, await app.WalletBalanceAsync(wallet));

        // Deleting a debit gives the payee its amount back (the original never did).
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/debit/{lent["uuid"]}")).StatusCode);
        Assert.Equal(2000, await app.PayeeBalanceAsync(payee));
        await (await client.PostAsJsonAsync("/api/entry/debit", new { amount = 1, date_time = Past(), account_id = wallet })).Problem(HttpStatusCode.BadRequest);
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Planned_and_unconfirmed_entries_do_not_count_until_they_do()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var planned = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -10, date_time = Future(), account_id = wallet })).Json();
        Assert.True((bool)planned["planned"]!);
        var unconfirmed = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -20, date_time = Past(), account_id = wallet, confirmed = 0 })).Json();
        Assert.False((bool)unconfirmed["confirmed"]!);
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));

        await client.PutAsJsonAsync($"/api/entry/expense/{planned["uuid"]}", new { amount = -10, date_time = Past(), account_id = wallet });
        Assert.Equal(-1000, await app.WalletBalanceAsync(wallet));
        await client.PutAsJsonAsync($"/api/entry/expense/{unconfirmed["uuid"]}", new { amount = -20, date_time = Past(), account_id = wallet, confirmed = true });
        Assert.Equal(-3000, await app.WalletBalanceAsync(wallet));
        await client.PutAsJsonAsync($"/api/entry/expense/{planned["uuid"]}", new { amount = -10, date_time = Future(), account_id = wallet });
        Assert.Equal(-2000, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Planned_compares_instants_in_the_workspace_time_zone()
    {
        var (_, _, wallet, client) = await SetupAsync(new { workspace = new { name = "Tokyo", time_zone = "Asia/Tokyo" } });
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, tokyo);
        string Local(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        // Nine hours ahead of UTC: the original called "now in Tokyo" future (planned) for nine hours.
        var justNow = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Local(localNow.AddMinutes(-1)), account_id = wallet })).Json();
        Assert.False((bool)justNow["planned"]!);
        Assert.EndsWith("+09:00", (string)justNow["date_time"]!);
        var later = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Local(localNow.AddHours(1)), account_id = wallet })).Json();
        Assert.True((bool)later["planned"]!);
    }

    [Fact]
    public async Task Transfers_are_two_linked_entries_created_updated_and_deleted_together()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var savings = await app.AddWalletAsync(ws, "Savings");
        var response = await client.PostAsJsonAsync("/api/entry/transfer", new { amount = 100, date_time = Past(), account_id = wallet, transfer_id = savings, note = "monthly", labels = new[] { "home" } });
        var pair = await response.Json();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var from = pair["transfer_this"]!;
        var to = pair["to_this"]!;
        Assert.Equal("-100.00", from["amount"]!.ToJsonString());
        Assert.Equal("100.00", to["amount"]!.ToJsonString());
        Assert.Equal((string)to["uuid"]!, (string)from["transfer_relation"]!);
        Assert.Equal((string)from["uuid"]!, (string)to["transfer_relation"]!);
        Assert.Equal(savings.ToString(), (string)from["transfer_id"]!);
        Assert.Equal(75, (int)to["category_id"]!);
        Assert.Equal("home", (string)to["labels"]![0]!["name"]!);
        Assert.Equal(-10000, await app.WalletBalanceAsync(wallet));
        Assert.Equal(10000, await app.WalletBalanceAsync(savings));

        // Updating through either side updates both.
        var updated = await client.PutAsJsonAsync($"/api/entry/transfer/{to["uuid"]}", new { amount = 30, date_time = Past(), account_id = wallet, transfer_id = savings });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(-3000, await app.WalletBalanceAsync(wallet));
        Assert.Equal(3000, await app.WalletBalanceAsync(savings));

        // A future transfer is planned on both sides (the original credited the destination at once).
        var future = await (await client.PostAsJsonAsync("/api/entry/transfer", new { amount = 5, date_time = Future(), account_id = wallet, transfer_id = savings })).Json();
        Assert.True((bool)future["to_this"]!["planned"]!);
        Assert.Equal(3000, await app.WalletBalanceAsync(savings));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/transfer/{from["uuid"]}")).StatusCode);
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
        Assert.Equal(0, await app.WalletBalanceAsync(savings));
        await (await client.GetAsync($"/api/entry/{to["uuid"]}")).Problem(HttpStatusCode.NotFound);

        var restored = await client.PatchAsync($"/api/entry/{from["uuid"]}/restore", null);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(3000, await app.WalletBalanceAsync(savings));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Restoring_an_entry_or_transfer_into_a_deleted_wallet_is_a_409_and_writes_nothing()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var other = await app.AddWalletAsync(ws, "Other");
        var expense = (string)(await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -10, date_time = Past(), account_id = other })).Json())["uuid"]!;
        var pair = await (await client.PostAsJsonAsync("/api/entry/transfer", new { amount = 25, date_time = Past(), account_id = wallet, transfer_id = other })).Json();
        var source = (string)pair["transfer_this"]!["uuid"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/{expense}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/transfer/{source}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/wallet/{other}")).StatusCode);

        // The expense's own wallet is deleted; the transfer is restored through its side whose wallet still lives.
        foreach (var uuid in new[] { expense, source })
        {
            var problem = await (await client.PatchAsync($"/api/entry/{uuid}/restore", null)).Problem(HttpStatusCode.Conflict);
            Assert.Contains("restore the wallet first", (string)problem["detail"]!, StringComparison.Ordinal);
            await (await client.GetAsync($"/api/entry/{uuid}")).Problem(HttpStatusCode.NotFound);
        }
        Assert.Equal(0, await app.WalletBalanceAsync(other));
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));

        // With the wallet back, both come back and move the balances.
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/api/wallet/restore/{other}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/api/entry/{expense}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/api/entry/{source}/restore", null)).StatusCode);
        Assert.Equal(-1000 + 2500, await app.WalletBalanceAsync(other));
        Assert.Equal(-2500, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task A_restore_answers_what_a_read_of_the_entry_then_shows_without_a_deleted_payee_or_goal()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var goal = await app.AddGoalAsync(ws);
        // An expense moves no payee balance and a planned saving no goal balance, so both restore with their relation deleted.
        var expense = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -3, date_time = Past(), account_id = wallet, payee_id = "Shop", labels = new[] { "food" } })).Json();
        var saving = await (await client.PostAsJsonAsync("/api/entry/saving", new { amount = 4, date_time = Future(), account_id = wallet, goal_id = goal })).Json();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/{expense["uuid"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/{saving["uuid"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/debt/{expense["payee_id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/goals/{goal}")).StatusCode);

        foreach (var uuid in new[] { (string)expense["uuid"]!, (string)saving["uuid"]! })
        {
            var restored = await client.PatchAsync($"/api/entry/{uuid}/restore", null);
            var answer = await restored.Json();
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
            var shown = await client.GetAsync($"/api/entry/{uuid}");
            var read = await shown.Json();
            Assert.True(JsonNode.DeepEquals(answer, read), $"answer {answer.ToJsonString()}\nread   {read.ToJsonString()}");
            Assert.Equal(shown.Headers.ETag, restored.Headers.ETag);
            Assert.Null(answer["payee"]);
            Assert.Null(answer["goal"]);
            Assert.Null(answer["deleted_at"]);
        }
        Assert.Equal(-300, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task A_write_answers_what_a_read_of_the_entry_then_shows()
    {
        // Creates and updates answer from the entries they wrote, not from a read back: the answer must still be
        // exactly what GET /api/entry/{uuid} shows afterwards, field for field.
        var (_, ws, wallet, client) = await SetupAsync();
        var other = await app.AddWalletAsync(ws, "Other");
        var goal = await app.AddGoalAsync(ws);

        async Task Same(JsonNode answer)
        {
            var read = await (await client.GetAsync($"/api/entry/{answer["uuid"]}")).Json();
            Assert.True(JsonNode.DeepEquals(answer, read), $"answer {answer.ToJsonString()}\nread   {read.ToJsonString()}");
        }

        // A plain entry (no payee, goal or labels: on PostgreSQL inserted in the ledger's command) and one with labels.
        await Same(await (await client.PostAsJsonAsync("/api/entry/income", new { amount = 7.5m, date_time = Past(), account_id = other, note = "tip" })).Json());
        var expense = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -12.34m, date_time = Past(), account_id = wallet, note = "lunch", labels = new[] { "food", "work" } })).Json();
        await Same(expense);
        // An update that moves wallet, amount, labels and note.
        var moved = await (await client.PutAsJsonAsync($"/api/entry/expense/{expense["uuid"]}", new { amount = -20, date_time = Past(), account_id = other, note = "dinner", labels = new[] { "food" } })).Json();
        Assert.Equal("dinner", (string)moved["note"]!);
        await Same(moved);
        // An update that leaves out everything but the amount keeps the rest (labels, wallet) in the answer too.
        await Same(await (await client.PutAsJsonAsync($"/api/entry/expense/{expense["uuid"]}", new { amount = -21 })).Json());

        var debit = await (await client.PostAsJsonAsync("/api/entry/debit", new { amount = -50, date_time = Past(), account_id = wallet, payee_id = "Marco" })).Json();
        await Same(debit);
        await Same(await (await client.PutAsJsonAsync($"/api/entry/debit/{debit["uuid"]}", new { amount = -40, date_time = Past(), account_id = wallet, payee_id = "Anna" })).Json());
        var saving = await (await client.PostAsJsonAsync("/api/entry/saving", new { amount = 5, date_time = Past(), account_id = wallet, goal_id = goal })).Json();
        await Same(saving);

        var pair = await (await client.PostAsJsonAsync("/api/entry/transfer", new { amount = 100, date_time = Past(), account_id = wallet, transfer_id = other, note = "monthly", labels = new[] { "home" } })).Json();
        await Same(pair["transfer_this"]!);
        await Same(pair["to_this"]!);
        var changed = await (await client.PutAsJsonAsync($"/api/entry/transfer/{pair["to_this"]!["uuid"]}", new { amount = 30, date_time = Past(), account_id = other, transfer_id = wallet, labels = new[] { "rent" } })).Json();
        await Same(changed["transfer_this"]!);
        await Same(changed["to_this"]!);
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task An_entry_with_existing_labels_and_payee_is_written_whole_and_a_deleted_one_is_refused()
    {
        // An entry whose payee and labels already exist is inserted with its label links in the ledger's command
        // (CreateEntry, both engines); the answer, the balances, counters and label aggregates must be what the old path wrote.
        var (_, ws, wallet, client) = await SetupAsync();
        async Task<string> Created(string path, object body)
        {
            var response = await client.PostAsJsonAsync(path, body);
            var json = await response.Json();
            Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
            return (string)json["uuid"]!;
        }
        var food = await Created("/api/label", new { name = "food", color = "#336699" });
        var work = await Created("/api/label", new { name = "work", color = "#336699" });
        var shop = await Created("/api/payees", new { name = "Shop" });
        var lender = await Created("/api/payees", new { name = "Lender" });

        var expense = await client.PostAsJsonAsync("/api/entry/expense", new { amount = -12.34m, date_time = Past(), account_id = wallet, payee_id = shop, labels = new[] { work, food, food } });
        var answer = await expense.Json();
        Assert.Equal(HttpStatusCode.Created, expense.StatusCode);
        Assert.Equal(new[] { "food", "work" }, answer["labels"]!.AsArray().Select(l => (string)l!["name"]!));
        Assert.Equal(shop, (string)answer["payee_id"]!);
        var read = await (await client.GetAsync($"/api/entry/{answer["uuid"]}")).Json();
        Assert.True(JsonNode.DeepEquals(answer, read), $"answer {answer.ToJsonString()}\nread   {read.ToJsonString()}");
        var debit = await client.PostAsJsonAsync("/api/entry/debit", new { amount = -50, date_time = Past(), account_id = wallet, payee_id = lender, labels = new[] { food } });
        Assert.Equal(HttpStatusCode.Created, debit.StatusCode);
        Assert.Equal(-5000, await app.PayeeBalanceAsync(Guid.Parse(lender)));
        Assert.Equal(-6234, await app.WalletBalanceAsync(wallet));
        Assert.Equal(1, (int)(await (await client.GetAsync("/api/entry?filters[label]=work")).Json())["total"]!);
        Assert.Equal(2, (int)(await (await client.GetAsync("/api/entry?filters[label]=food")).Json())["total"]!);
        Assert.Empty(await app.InconsistenciesAsync(ws));

        // A deleted label or payee is refused (404) and nothing is written.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/label/{work}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/debt/{shop}")).StatusCode);
        await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1m, date_time = Past(), account_id = wallet, labels = new[] { food, work } })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1m, date_time = Past(), account_id = wallet, payee_id = shop, labels = new[] { food } })).Problem(HttpStatusCode.NotFound);

        // A label that goes between the request's look-up and its insert (here: a trigger that drops its link) aborts the
        // whole command (PostgreSQL: its division by zero; SQLite: the changed rows counted short, then a rollback).
        var foodId = await app.WithDbAsync(db => db.Labels.Where(l => l.Uuid == Guid.Parse(food)).Select(l => l.Id).SingleAsync());
        var name = "test_skip_label_" + foodId.ToString(CultureInfo.InvariantCulture);
        string[] create = app.Provider == DatabaseProvider.Postgres
            ?
            [
                $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'",
                $"CREATE TRIGGER {name} BEFORE INSERT ON entry_labels FOR EACH ROW WHEN (NEW.label_id = {foodId}) EXECUTE FUNCTION {name}()",
            ]
            : [$"CREATE TRIGGER {name} BEFORE INSERT ON entry_labels WHEN NEW.label_id = {foodId} BEGIN SELECT RAISE(IGNORE); END"];
        string[] drop = app.Provider == DatabaseProvider.Postgres ? [$"DROP TRIGGER {name} ON entry_labels", $"DROP FUNCTION {name}()"] : [$"DROP TRIGGER {name}"];
        await RunSqlAsync(create);
        try
        {
            await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1m, date_time = Past(), account_id = wallet, labels = new[] { food } })).Problem(HttpStatusCode.Conflict);
            // Only one of two labels gone: still refused whole.
            var cafe = await Created("/api/label", new { name = "cafe", color = "#336699" });
            await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1m, date_time = Past(), account_id = wallet, labels = new[] { cafe, food } })).Problem(HttpStatusCode.Conflict);
        }
        finally
        {
            await RunSqlAsync(drop);
        }
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            // On SQLite the label can really be deleted inside the command, between the entry's insert and its links (a
            // trigger on the insert deletes it): the link finds no live label, and the rollback undoes the deletion as well.
            var deleting = "test_delete_label_" + foodId.ToString(CultureInfo.InvariantCulture);
            await RunSqlAsync([$"CREATE TRIGGER {deleting} AFTER INSERT ON entries WHEN NEW.amount = -77 BEGIN UPDATE labels SET deleted_at = '2025-01-01 00:00:00' WHERE id = {foodId}; END"]);
            try
            {
                await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -0.77m, date_time = Past(), account_id = wallet, labels = new[] { food } })).Problem(HttpStatusCode.Conflict);
            }
            finally
            {
                await RunSqlAsync([$"DROP TRIGGER {deleting}"]);
            }
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/label/{food}")).StatusCode);
        }
        Assert.Equal(2, (int)(await (await client.GetAsync("/api/entry?per_page=30&page=1")).Json())["total"]!);
        Assert.Equal(-6234, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));

        Task RunSqlAsync(string[] statements) => app.WithDbAsync(async db =>
        {
            foreach (var sql in statements)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }
            return 0;
        });
    }

    [Fact]
    public async Task A_transfer_needs_two_different_wallets_of_workspaces_you_may_write()
    {
        var (user, ws, wallet, client) = await SetupAsync();
        var same = await client.PostAsJsonAsync("/api/entry/transfer", new { amount = 1, date_time = Past(), account_id = wallet, transfer_id = wallet });
        Assert.NotNull((await same.Problem(HttpStatusCode.BadRequest))["errors"]!["transfer_id"]);

        var stranger = await app.NewUserAsync();
        var theirs = await stranger.CreateWorkspaceAsync("Theirs");
        var theirWallet = await app.DefaultWalletAsync(theirs);
        var foreign = await client.PostAsJsonAsync("/api/entry/transfer", new { amount = 1, date_time = Past(), account_id = wallet, transfer_id = theirWallet });
        await foreign.Problem(HttpStatusCode.NotFound);
        var foreignWs = await client.PostAsJsonAsync("/api/entry/transfer", new { amount = 1, date_time = Past(), account_id = wallet, transfer_id = theirWallet, workspace_id = theirs });
        await foreignWs.Problem(HttpStatusCode.NotFound);
        Assert.Equal(0, await app.WalletBalanceAsync(theirWallet));

        // Into another workspace of one's own: both sides, each in its workspace.
        var mine = await user.CreateWorkspaceAsync("Second home");
        var myOther = await app.DefaultWalletAsync(mine);
        var cross = await client.PostAsJsonAsync("/api/entry/transfer", new { amount = 25, date_time = Past(), account_id = wallet, transfer_id = myOther, workspace_id = mine });
        Assert.Equal(HttpStatusCode.Created, cross.StatusCode);
        Assert.Equal(2500, await app.WalletBalanceAsync(myOther));
        Assert.Empty(await app.InconsistenciesAsync(ws));
        Assert.Empty(await app.InconsistenciesAsync(mine));
    }

    [Fact]
    public async Task Labels_are_found_or_created_by_name_and_kept_when_omitted()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var entry = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Past(), account_id = wallet, labels = new object[] { "Food", new { name = "weekly", color = "#ff0000" } } })).Json();
        Assert.Equal(2, entry["labels"]!.AsArray().Count);
        var food = (string)entry["labels"]!.AsArray().Single(l => (string)l!["name"]! == "Food")!["uuid"]!;
        var again = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Past(), account_id = wallet, labels = new[] { "food", food } })).Json();
        Assert.Equal(food, (string)again["labels"]![0]!["uuid"]!);
        Assert.Single(again["labels"]!.AsArray());

        var kept = await (await client.PutAsJsonAsync($"/api/entry/expense/{entry["uuid"]}", new { amount = -2, date_time = Past(), account_id = wallet })).Json();
        Assert.Equal(2, kept["labels"]!.AsArray().Count);
        var cleared = await (await client.PutAsJsonAsync($"/api/entry/expense/{entry["uuid"]}", new { amount = -2, date_time = Past(), account_id = wallet, labels = Array.Empty<string>() })).Json();
        Assert.Empty(cleared["labels"]!.AsArray());
        var filtered = await (await client.GetAsync("/api/entry?filters[label]=food")).Json();
        Assert.Equal(1, (int)filtered["total"]!);
    }

    [Fact]
    public async Task Lists_are_paginated_like_the_original_and_filter_by_ranges()
    {
        var (_, _, wallet, client) = await SetupAsync();
        for (var i = 1; i <= 11; i++)
        {
            await client.PostAsJsonAsync("/api/entry/expense", new { amount = -i, date_time = Past(i), account_id = wallet, note = i == 3 ? "Pizza night" : "other" });
        }
        await client.PostAsJsonAsync("/api/entry/income", new { amount = 100, date_time = Past(), account_id = wallet });

        var page = await (await client.GetAsync("/api/entry/expense")).Json();
        Assert.Equal(1, (int)page["current_page"]!);
        Assert.Equal(10, (int)page["per_page"]!);
        Assert.Equal(11, (int)page["total"]!);
        Assert.Equal(2, (int)page["last_page"]!);
        Assert.Equal(1, (int)page["from"]!);
        Assert.Equal(10, (int)page["to"]!);
        Assert.Equal("/?page=2", (string)page["next_page_url"]!);
        Assert.Equal(10, page["data"]!.AsArray().Count);
        Assert.Equal("-1.00", page["data"]![0]!["amount"]!.ToJsonString()); // newest first
        var second = await (await client.GetAsync("/api/entry/expense?page=2")).Json();
        Assert.Single(second["data"]!.AsArray());

        Assert.Equal(12, (int)(await (await client.GetAsync("/api/entry?per_page=50")).Json())["total"]!);
        var range = await (await client.GetAsync("/api/entry/expense?amount_min=-5&amount_max=-3")).Json();
        Assert.Equal(3, (int)range["total"]!);
        var dates = await (await client.GetAsync($"/api/entry?date_from={DateTime.UtcNow.AddDays(-4):yyyy-MM-dd}&date_to={DateTime.UtcNow.AddDays(-2):yyyy-MM-dd}")).Json();
        Assert.InRange((int)dates["total"]!, 2, 4);
        Assert.Equal(1, (int)(await (await client.GetAsync("/api/entry?q=pizza")).Json())["total"]!);
        Assert.Equal(11, (int)(await (await client.GetAsync("/api/entry?filters[type]=expenses")).Json())["total"]!);
        Assert.Equal(1, (int)(await (await client.GetAsync("/api/entry?filters[amount]=>=|50")).Json())["total"]!);

        await (await client.GetAsync("/api/entry?filters[password]=1")).Problem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/entry?per_page=0")).Problem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/entry?date_from=yesterday")).Problem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/entry?filters[amount]=DROP|1")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_idempotency_key_makes_a_retried_create_return_the_first_answer()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var body = new { amount = -9.99m, date_time = Past(), account_id = wallet };
        HttpRequestMessage Request(object payload)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/entry/expense") { Content = JsonContent.Create(payload) };
            request.Headers.Add("Idempotency-Key", "retry-1");
            return request;
        }
        var first = await client.SendAsync(Request(body));
        var second = await client.SendAsync(Request(body));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((string)(await first.Json())["uuid"]!, (string)(await second.Json())["uuid"]!);
        Assert.Equal(-999, await app.WalletBalanceAsync(wallet));
        var different = await client.SendAsync(Request(new { amount = -1, date_time = Past(), account_id = wallet }));
        Assert.Equal((HttpStatusCode)422, different.StatusCode);

        var racing = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "/api/entry/income") { Content = JsonContent.Create(new { amount = 1, date_time = Past(), account_id = wallet }) };
            r.Headers.Add("Idempotency-Key", "race");
            return client.SendAsync(r);
        }));
        Assert.All(racing, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict));
        Assert.Equal(-899, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task A_balance_guard_that_fails_aborts_the_write_before_its_commit()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var id = await app.WithDbAsync(db => db.Wallets.Where(w => w.Uuid == wallet).Select(w => w.Id).SingleAsync());
        // A trigger makes this wallet's balance update change no row, as a currency change between the request's read and
        // its write would: the ledger's guard must abort the transaction (on PostgreSQL inside the command that also
        // carries the COMMIT), so neither the entry nor its counters or aggregates are kept.
        var postgres = app.Provider == DatabaseProvider.Postgres;
        var name = "test_skip_wallet_" + id.ToString(CultureInfo.InvariantCulture);
        string[] create = postgres
            ?
            [
                $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'",
                $"CREATE TRIGGER {name} BEFORE UPDATE ON wallets FOR EACH ROW WHEN (OLD.id = {id}) EXECUTE FUNCTION {name}()",
            ]
            : [$"CREATE TRIGGER {name} BEFORE UPDATE ON wallets WHEN OLD.id = {id} BEGIN SELECT RAISE(IGNORE); END"];
        string[] drop = postgres ? [$"DROP TRIGGER {name} ON wallets", $"DROP FUNCTION {name}()"] : [$"DROP TRIGGER {name}"];
        await RunSqlAsync(create);
        try
        {
            var refused = await client.PostAsJsonAsync("/api/entry/expense", new { amount = -5m, date_time = Past(), account_id = wallet, labels = new[] { "kept-out" } });
            await refused.Problem(HttpStatusCode.Conflict);
            // Without labels, the entry's insert goes in the ledger's own command (Ledger.InsertAndCommitAsync, both engines): the guard undoes it too.
            var plain = await client.PostAsJsonAsync("/api/entry/expense", new { amount = -5m, date_time = Past(), account_id = wallet });
            await plain.Problem(HttpStatusCode.Conflict);
        }
        finally
        {
            await RunSqlAsync(drop);
        }
        // The failed writes left the wallet's turn (Ledger.WalletsTurnAsync) and SQLite's one writer's turn: nobody holds or awaits them.
        Assert.Equal(0, app.Service<DatabaseOptions>().WalletWriters!.Users(id));
        Assert.Equal(0, app.Service<DatabaseOptions>().SqliteWriters);
        var list = await (await client.GetAsync("/api/entry?per_page=30&page=1")).Json();
        Assert.Equal(0, (int)list["total"]!);
        Assert.Empty(await app.InconsistenciesAsync(ws));
        Assert.Equal(0, await app.WalletBalanceAsync(wallet));

        // The connection the failed write used goes on working.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -5m, date_time = Past(), account_id = wallet })).StatusCode);
        }
        Assert.Equal(-1500, await app.WalletBalanceAsync(wallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));

        Task RunSqlAsync(string[] statements) => app.WithDbAsync(async db =>
        {
            foreach (var sql in statements)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }
            return 0;
        });
    }

    [Fact]
    public async Task A_stale_version_is_a_409_and_changes_nothing()
    {
        var (_, _, wallet, client) = await SetupAsync();
        var entry = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Past(), account_id = wallet })).Json();
        var uuid = (string)entry["uuid"]!;
        var version = (int)entry["version"]!;
        var ok = await client.PutAsJsonAsync($"/api/entry/expense/{uuid}", new { amount = -2, date_time = Past(), account_id = wallet, version });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/entry/expense/{uuid}") { Content = JsonContent.Create(new { amount = -3, date_time = Past(), account_id = wallet }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        await (await client.SendAsync(stale)).Problem(HttpStatusCode.Conflict);
        Assert.Equal(-200, await app.WalletBalanceAsync(wallet));
    }

    [Fact]
    public async Task Entries_in_another_currency_are_converted_with_the_workspace_rates()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var noRate = await client.PostAsJsonAsync("/api/entry/expense", new { amount = -10, currency_id = "USD", date_time = Past(), account_id = wallet });
        await noRate.Problem(HttpStatusCode.BadRequest);
        await app.SetRateAsync(ws, 1, 0.9m); // 1 USD = 0.90 EUR
        await app.SetRateAsync(ws, 4, 0.0061m); // 1 JPY = 0.0061 EUR
        var usd = await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -10, currency_id = "USD", date_time = Past(), account_id = wallet })).Json();
        Assert.Equal("-10.00", usd["amount"]!.ToJsonString());
        Assert.Equal("-9.00", usd["wallet_amount"]!.ToJsonString());
        var yenWallet = await app.AddWalletAsync(ws, "Yen", currencyId: 4);
        var yen = await (await client.PostAsJsonAsync("/api/entry/income", new { amount = 10, currency_id = 2, date_time = Past(), account_id = yenWallet })).Json();
        Assert.Equal("1639", yen["wallet_amount"]!.ToJsonString()); // 10 EUR / 0.0061 = 1639.34 → 1639 JPY
        Assert.Equal(-900, await app.WalletBalanceAsync(wallet));
        Assert.Equal(1639, await app.WalletBalanceAsync(yenWallet));
        Assert.Empty(await app.InconsistenciesAsync(ws));
    }

    [Fact]
    public async Task Another_workspace_ids_are_404_everywhere_and_change_nothing()
    {
        var (_, ws, wallet, client) = await SetupAsync();
        var stranger = await app.NewUserAsync();
        var theirs = await stranger.CreateWorkspaceAsync("Theirs");
        var theirWallet = await app.DefaultWalletAsync(theirs);
        var theirGoal = await app.AddGoalAsync(theirs);
        var theirClient = stranger.Client(theirs);
        var theirEntry = (string)(await (await theirClient.PostAsJsonAsync("/api/entry/debit", new { amount = -5, date_time = Past(), account_id = theirWallet, payee_id = "Bob", labels = new[] { "secret" } })).Json())["uuid"]!;
        var theirShown = await (await theirClient.GetAsync($"/api/entry/{theirEntry}")).Json();
        var theirPayee = (string)theirShown["payee_id"]!;
        var theirLabel = (string)theirShown["labels"]![0]!["uuid"]!;

        await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Past(), account_id = theirWallet })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/saving", new { amount = 1, date_time = Past(), account_id = wallet, goal_id = theirGoal })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/debit", new { amount = 1, date_time = Past(), account_id = wallet, payee_id = theirPayee })).Problem(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Past(), account_id = wallet, labels = new[] { theirLabel } })).Problem(HttpStatusCode.NotFound);
        foreach (var path in new[] { $"/api/entry/{theirEntry}", $"/api/entry/debit/{theirEntry}", $"/api/entry/{theirGoal}/saving" })
        {
            await (await client.GetAsync(path)).Problem(HttpStatusCode.NotFound);
        }
        await (await client.PutAsJsonAsync($"/api/entry/debit/{theirEntry}", new { amount = -1, date_time = Past(), account_id = wallet, payee_id = "x" })).Problem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync($"/api/entry/{theirEntry}", new { amount = -1, date_time = Past(), account_id = wallet })).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/entry/{theirEntry}")).Problem(HttpStatusCode.NotFound);
        await (await client.PatchAsync($"/api/entry/{theirEntry}/restore", null)).Problem(HttpStatusCode.NotFound);
        var filtered = await (await client.GetAsync($"/api/entry?filters[account_id]={theirWallet}")).Json();
        Assert.Equal(0, (int)filtered["total"]!);
        Assert.Equal(-500, await app.WalletBalanceAsync(theirWallet));
        Assert.Empty(await app.InconsistenciesAsync(theirs));

        // The other workspace named in the header is not ours either.
        await (await stranger.Client(ws).GetAsync("/api/entry")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Viewers_read_entries_but_cannot_write_them()
    {
        var (owner, ws, wallet, client) = await SetupAsync();
        var viewer = await app.NewUserAsync();
        await owner.Client().PostAsJsonAsync($"/api/workspace/{ws}/share", new { user_to_share = viewer.Email, role = "viewer" });
        var entry = (string)(await (await client.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Past(), account_id = wallet })).Json())["uuid"]!;
        var viewerClient = viewer.Client(ws);
        Assert.Equal(HttpStatusCode.OK, (await viewerClient.GetAsync($"/api/entry/{entry}")).StatusCode);
        await (await viewerClient.PostAsJsonAsync("/api/entry/expense", new { amount = -1, date_time = Past(), account_id = wallet })).Problem(HttpStatusCode.Forbidden);
        await (await viewerClient.DeleteAsync($"/api/entry/{entry}")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(-100, await app.WalletBalanceAsync(wallet));
    }
}

public sealed class SqliteEntryTests(SqliteApp app) : EntryTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresEntryTests(PostgresApp app) : EntryTests(app), IClassFixture<PostgresApp>;
