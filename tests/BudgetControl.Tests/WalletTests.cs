using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests;

/// <summary>The wallets service: routes, per-type rules, exact money, derived balances, concurrency and tenancy.</summary>
public abstract class WalletTests(BudgetApp app)
{
    // "id" is the uuid again (issue 11): the original clients pick wallets by id.
    private static readonly string[] WalletFields =
    [
        "id", "uuid", "name", "color", "type", "installement", "installement_value", "credit_limit", "currency", "currency_id",
        "balance", "opening_balance", "exclude_from_stats", "invoice_date", "closing_date", "payment_account", "sorting",
        "voucher_value", "archived", "version", "created_at", "updated_at", "deleted_at",
    ];

    [Fact]
    public async Task Create_answers_201_with_the_original_fields_and_no_internal_ids()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var response = await client.PostAsJsonAsync("/api/wallet/create", new
        {
            name = "  Checking  ", color = "#e6e632ff", type = "bank", balance = 1234.5m, credit_limit = 500, exclude_from_stats = true, sorting = 3,
        });
        var wallet = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, wallet.ToJsonString());
        Assert.Equal(WalletFields.Order(), wallet.AsObject().Select(p => p.Key).Order());
        Assert.Equal("Checking", (string)wallet["name"]!);
        Assert.Equal("#e6e632ff", (string)wallet["color"]!);
        Assert.Equal("bank", (string)wallet["type"]!);
        Assert.Equal("EUR", (string)wallet["currency"]!);
        Assert.Equal(2, (int)wallet["currency_id"]!);
        Assert.Equal("1234.50", Raw(wallet, "balance"));
        Assert.Equal("1234.50", Raw(wallet, "opening_balance"));
        Assert.Equal("500.00", Raw(wallet, "credit_limit"));
        Assert.True((bool)wallet["exclude_from_stats"]!);
        Assert.False((bool)wallet["archived"]!);
        Assert.Equal(3, (int)wallet["sorting"]!);
        Assert.Null(wallet["deleted_at"]);
        Assert.Null(wallet["payment_account"]);
        var uuid = (string)wallet["uuid"]!;
        Assert.Equal($"/api/wallet/show/{uuid}", response.Headers.Location?.ToString());

        var show = await client.GetAsync($"/api/wallet/show/{uuid}");
        var shown = await show.Json();
        Assert.Equal(HttpStatusCode.OK, show.StatusCode);
        Assert.Equal(wallet.ToJsonString(), shown.ToJsonString());
        Assert.Equal($"\"{(int)shown["version"]!}\"", show.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task The_currency_defaults_to_the_workspace_base_currency_and_takes_an_id_or_a_code()
    {
        var (_, _, client) = await NewWorkspaceAsync(currency: "USD");
        Assert.Equal("USD", (string)(await CreateAsync(client, new { name = "Default", type = "cache" }))["currency"]!);
        var yen = await CreateAsync(client, new { name = "Yen", type = "cache", currency = 4, balance = 1500 });
        Assert.Equal("JPY", (string)yen["currency"]!);
        Assert.Equal("1500", Raw(yen, "balance"));
        Assert.Equal("GBP", (string)(await CreateAsync(client, new { name = "Pounds", type = "bank", currency = "gbp" }))["currency"]!);
        Assert.Equal("CHF", (string)(await CreateAsync(client, new { name = "Francs", type = "bank", currency = "5" }))["currency"]!);

        var unknown = await client.PostAsJsonAsync("/api/wallet/create", new { name = "X", type = "bank", currency = "XXX" });
        Assert.NotNull((await unknown.Problem(HttpStatusCode.BadRequest))["errors"]!["currency"]);
    }

    [Fact]
    public async Task Create_validates_every_field_and_names_it()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var missing = await client.PostAsJsonAsync("/api/wallet/create", new { color = "#fff" });
        var errors = (await missing.Problem(HttpStatusCode.BadRequest))["errors"]!;
        Assert.NotNull(errors["name"]);
        Assert.NotNull(errors["type"]);

        var unknownType = await client.PostAsJsonAsync("/api/wallet/create", new { name = "X", type = "piggy-bank" });
        Assert.Contains("credit-card-revolving", (string)(await unknownType.Problem(HttpStatusCode.BadRequest))["errors"]!["type"]![0]!);

        var tooLong = await client.PostAsJsonAsync("/api/wallet/create", new { name = new string('n', 256), type = "bank", color = new string('c', 71) });
        errors = (await tooLong.Problem(HttpStatusCode.BadRequest))["errors"]!;
        Assert.NotNull(errors["name"]);
        Assert.NotNull(errors["color"]);

        var wrongTypes = await client.PostAsync("/api/wallet/create", Json(
            """{"name": 5, "type": "bank", "balance": "lots", "exclude_from_stats": "maybe", "sorting": 1.5, "closing_date": "31/01/2025", "credit_limit": -1, "payment_account": 7}"""));
        errors = (await wrongTypes.Problem(HttpStatusCode.BadRequest))["errors"]!;
        foreach (var field in new[] { "name", "balance", "exclude_from_stats", "sorting", "closing_date", "credit_limit", "payment_account" })
        {
            Assert.True(errors[field] is not null, $"{field} missing in {errors.ToJsonString()}");
        }

        var list = await (await client.GetAsync("/api/wallet/list")).Json();
        Assert.Single(list.AsArray()); // only the workspace's first wallet: nothing above was created
    }

    [Fact]
    public async Task Credit_cards_need_a_payment_account_and_statement_dates_and_revolving_ones_an_instalment()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var bank = (string)(await CreateAsync(client, new { name = "Bank", type = "bank" }))["uuid"]!;

        foreach (var type in new[] { "credit-card", "credit-card-revolving" })
        {
            var bare = await client.PostAsJsonAsync("/api/wallet/create", new { name = "Card", type });
            var errors = (await bare.Problem(HttpStatusCode.BadRequest))["errors"]!;
            Assert.NotNull(errors["payment_account"]);
            Assert.NotNull(errors["closing_date"]);
            Assert.NotNull(errors["invoice_date"]);
            Assert.Equal(type == "credit-card-revolving", errors["installement_value"] is not null);
        }

        var (_, _, stranger) = await NewWorkspaceAsync();
        var foreignBank = (string)(await CreateAsync(stranger, new { name = "Theirs", type = "bank" }))["uuid"]!;
        var foreign = await client.PostAsJsonAsync("/api/wallet/create", new
        {
            name = "Card", type = "credit-card", payment_account = foreignBank, closing_date = "2025-01-25", invoice_date = "2025-02-05",
        });
        Assert.NotNull((await foreign.Problem(HttpStatusCode.BadRequest))["errors"]!["payment_account"]);

        var zero = await client.PostAsJsonAsync("/api/wallet/create", new
        {
            name = "Revolving", type = "credit-card-revolving", payment_account = bank, closing_date = "2025-01-25", invoice_date = "2025-02-05", installement_value = 0,
        });
        Assert.NotNull((await zero.Problem(HttpStatusCode.BadRequest))["errors"]!["installement_value"]);

        var card = await CreateAsync(client, new
        {
            name = "Card", type = "credit-card", payment_account = bank, closing_date = "2025-01-25", invoice_date = "2025-02-05T00:00:00+01:00", installement = true, credit_limit = 3000,
        });
        Assert.Equal(bank, (string)card["payment_account"]!);
        Assert.Equal("2025-01-25", (string)card["closing_date"]!);
        Assert.Equal("2025-02-05", (string)card["invoice_date"]!);
        Assert.True((bool)card["installement"]!);

        var revolving = await CreateAsync(client, new
        {
            name = "Revolving", type = "credit-card-revolving", payment_account = bank, closing_date = "2025-01-25", invoice_date = "2025-02-05", installement_value = 150.5m,
        });
        Assert.Equal("150.50", Raw(revolving, "installement_value"));

        // Turning the card into a bank account and clearing its card fields is allowed; a card cannot pay itself.
        var self = await client.PutAsJsonAsync($"/api/wallet/update/{card["uuid"]}", new { payment_account = (string)card["uuid"]! });
        Assert.NotNull((await self.Problem(HttpStatusCode.BadRequest))["errors"]!["payment_account"]);
        var cleared = await client.PutAsJsonAsync($"/api/wallet/update/{card["uuid"]}", new { type = "bank", payment_account = (string?)null, closing_date = (string?)null });
        var bankNow = await cleared.Json();
        Assert.True(cleared.StatusCode == HttpStatusCode.OK, bankNow.ToJsonString());
        Assert.Null(bankNow["payment_account"]);
        Assert.Null(bankNow["closing_date"]);
        Assert.Equal("2025-02-05", (string)bankNow["invoice_date"]!);
    }

    [Fact]
    public async Task Voucher_balance_is_a_count_of_vouchers_and_reads_back_as_the_original_object()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var noValue = await client.PostAsJsonAsync("/api/wallet/create", new { name = "Meal vouchers", type = "voucher", balance = 10 });
        Assert.NotNull((await noValue.Problem(HttpStatusCode.BadRequest))["errors"]!["voucher_value"]);

        var voucher = await CreateAsync(client, new { name = "Meal vouchers", type = "voucher", balance = 10, voucher_value = 5 });
        Assert.Equal(50m, (decimal)voucher["balance"]!["value_in_valut"]!);
        Assert.Equal(10m, (decimal)voucher["balance"]!["value_in_voucher"]!);
        Assert.Equal("5.00", Raw(voucher, "voucher_value"));
        var uuid = (string)voucher["uuid"]!;

        // Sending back what was read (balance is the object) changes nothing: no second multiplication.
        var echoed = await Update(client, uuid, voucher);
        Assert.Equal(50m, (decimal)echoed["balance"]!["value_in_valut"]!);

        var twelve = await Update(client, uuid, new { opening_balance = 12 });
        Assert.Equal(60m, (decimal)twelve["balance"]!["value_in_valut"]!);
        Assert.Equal(12m, (decimal)twelve["balance"]!["value_in_voucher"]!);
        Assert.Equal(60m, (decimal)twelve["opening_balance"]!["value_in_valut"]!);

        var again = await Update(client, uuid, new { opening_balance = 12, balance = 12 });
        Assert.Equal(60m, (decimal)again["balance"]!["value_in_valut"]!);

        var asObject = await Update(client, uuid, new { opening_balance = new { value_in_voucher = 3, value_in_valut = 15 } });
        Assert.Equal(15m, (decimal)asObject["balance"]!["value_in_valut"]!);

        var negative = await client.PutAsJsonAsync($"/api/wallet/update/{uuid}", new { opening_balance = -1 });
        Assert.NotNull((await negative.Problem(HttpStatusCode.BadRequest))["errors"]!["opening_balance"]);
    }

    [Fact]
    public async Task Update_ignores_balance_and_an_opening_balance_change_shifts_the_balance()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var wallet = await CreateAsync(client, new { name = "Bank", type = "bank", balance = 100 });
        var uuid = Guid.Parse((string)wallet["uuid"]!);
        await AddEntryAsync(uuid, -3_000); // an expense of 30.00, booked as the entries module does

        var ignored = await Update(client, uuid.ToString(), new { name = "Main bank", balance = 999_999, workspace_id = 1, uuid = Guid.NewGuid() });
        Assert.Equal("Main bank", (string)ignored["name"]!);
        Assert.Equal(uuid.ToString(), (string)ignored["uuid"]!);
        Assert.Equal("70.00", Raw(ignored, "balance"));
        Assert.Equal("100.00", Raw(ignored, "opening_balance"));

        var raised = await Update(client, uuid.ToString(), new { opening_balance = 150.25m });
        Assert.Equal("150.25", Raw(raised, "opening_balance"));
        Assert.Equal("120.25", Raw(raised, "balance"));

        var lowered = await Update(client, uuid.ToString(), new { opening_balance = -10 });
        Assert.Equal("-40.00", Raw(lowered, "balance"));
    }

    [Fact]
    public async Task Money_is_exact_and_follows_the_currency_minor_units()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var tenth = await CreateAsync(client, new { name = "Tenth", type = "cache", balance = 0.1m });
        Assert.Equal("0.10", Raw(tenth, "balance"));
        var uuid = Guid.Parse((string)tenth["uuid"]!);
        await AddEntryAsync(uuid, 20); // + 0.20
        Assert.Equal("0.30", Raw(await Show(client, uuid), "balance"));
        Assert.Equal("0.60", Raw(await Update(client, uuid.ToString(), new { opening_balance = 0.4m }), "balance"));

        var big = await client.PostAsync("/api/wallet/create", Json("""{"name": "Big", "type": "investment", "balance": 123456789012.34}"""));
        Assert.Equal("123456789012.34", Raw(await big.Json(), "balance"));

        var tooPrecise = await client.PostAsync("/api/wallet/create", Json("""{"name": "X", "type": "bank", "balance": 1.005}"""));
        Assert.NotNull((await tooPrecise.Problem(HttpStatusCode.BadRequest))["errors"]!["balance"]);
        var yenFraction = await client.PostAsync("/api/wallet/create", Json("""{"name": "Yen", "type": "cache", "currency": "JPY", "balance": 1.5}"""));
        Assert.NotNull((await yenFraction.Problem(HttpStatusCode.BadRequest))["errors"]!["balance"]);
        var yenLimit = await client.PostAsync("/api/wallet/create", Json("""{"name": "Yen", "type": "bank", "currency": "JPY", "credit_limit": 10.5}"""));
        Assert.NotNull((await yenLimit.Problem(HttpStatusCode.BadRequest))["errors"]!["credit_limit"]);
        var huge = await client.PostAsync("/api/wallet/create", Json("""{"name": "X", "type": "bank", "balance": 99999999999999999999}"""));
        Assert.NotNull((await huge.Problem(HttpStatusCode.BadRequest))["errors"]!["balance"]);
    }

    [Fact]
    public async Task The_currency_changes_only_while_the_wallet_has_no_entries()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var wallet = await CreateAsync(client, new { name = "Cash", type = "cache", balance = 12.5m, credit_limit = 100 });
        var uuid = Guid.Parse((string)wallet["uuid"]!);

        var dollars = await Update(client, uuid.ToString(), new { currency = "USD" });
        Assert.Equal("USD", (string)dollars["currency"]!);
        Assert.Equal("12.50", Raw(dollars, "balance"));
        Assert.Equal("100.00", Raw(dollars, "credit_limit"));

        var yen = await client.PutAsJsonAsync($"/api/wallet/update/{uuid}", new { currency = "JPY" });
        Assert.NotNull((await yen.Problem(HttpStatusCode.BadRequest))["errors"]!["opening_balance"]);
        var yenWithAmount = await Update(client, uuid.ToString(), new { currency = "JPY", opening_balance = 1800 });
        Assert.Equal("1800", Raw(yenWithAmount, "balance"));
        Assert.Equal("100", Raw(yenWithAmount, "credit_limit"));

        await AddEntryAsync(uuid, 200);
        var blocked = await client.PutAsJsonAsync($"/api/wallet/update/{uuid}", new { currency = "EUR", name = "Renamed" });
        await blocked.Problem(HttpStatusCode.Conflict);
        var unchanged = await Show(client, uuid);
        Assert.Equal("JPY", (string)unchanged["currency"]!);
        Assert.Equal("Cash", (string)unchanged["name"]!);
        Assert.Equal("2000", Raw(unchanged, "balance"));
    }

    [Fact]
    public async Task A_stale_version_is_409_and_a_current_one_goes_through()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var wallet = await CreateAsync(client, new { name = "Bank", type = "bank" });
        var uuid = (string)wallet["uuid"]!;
        var version = (int)wallet["version"]!;

        using var current = new HttpRequestMessage(HttpMethod.Put, $"/api/wallet/update/{uuid}") { Content = JsonContent.Create(new { name = "First" }) };
        current.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        var first = await client.SendAsync(current);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal($"\"{version + 1}\"", first.Headers.ETag?.Tag);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/wallet/update/{uuid}") { Content = JsonContent.Create(new { name = "Second" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        await (await client.SendAsync(stale)).Problem(HttpStatusCode.Conflict);
        await (await client.PutAsJsonAsync($"/api/wallet/update/{uuid}", new { name = "Third", version })).Problem(HttpStatusCode.Conflict);

        using var archive = new HttpRequestMessage(HttpMethod.Patch, $"/api/wallet/archive/{uuid}");
        archive.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        await (await client.SendAsync(archive)).Problem(HttpStatusCode.Conflict);

        using var garbage = new HttpRequestMessage(HttpMethod.Put, $"/api/wallet/update/{uuid}") { Content = JsonContent.Create(new { name = "Fourth" }) };
        garbage.Headers.TryAddWithoutValidation("If-Match", "\"abc\"");
        await (await client.SendAsync(garbage)).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("First", (string)(await Show(client, Guid.Parse(uuid)))["name"]!);
        Assert.Equal("Fifth", (string)(await Update(client, uuid, new { name = "Fifth", version = version + 1 }))["name"]!);
    }

    [Fact]
    public async Task List_filters_and_orders_and_rejects_unknown_keys()
    {
        var (_, _, client) = await NewWorkspaceAsync(); // comes with "Default Wallet" (cache, EUR)
        var bank = await CreateAsync(client, new { name = "Bank", type = "bank", balance = 300, sorting = 2 });
        await CreateAsync(client, new { name = "Dollars", type = "cache", currency = "USD", balance = 50, sorting = 1 });
        var hidden = await CreateAsync(client, new { name = "Hidden", type = "investment", balance = 1000, exclude_from_stats = true, sorting = 3 });
        var old = await CreateAsync(client, new { name = "Old", type = "bank", sorting = 4 });
        var gone = await CreateAsync(client, new { name = "Gone", type = "bank", sorting = 5 });
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/api/wallet/archive/{old["uuid"]}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/wallet/{gone["uuid"]}")).StatusCode);

        Assert.Equal(["Default Wallet", "Dollars", "Bank", "Hidden", "Old"], await NamesAsync(client, ""));
        Assert.Equal(["Default Wallet", "Dollars", "Bank", "Old"], await NamesAsync(client, "?filters[type]=bank,cache"));
        Assert.Equal(["Default Wallet", "Dollars"], await NamesAsync(client, "?filter[type]=cache"));
        Assert.Equal(["Old"], await NamesAsync(client, "?filters[archived]=1"));
        Assert.Equal(["Default Wallet", "Dollars", "Bank", "Hidden"], await NamesAsync(client, "?filters[archived]=0"));
        Assert.Equal(["Dollars"], await NamesAsync(client, "?filters[currency]=USD"));
        Assert.Equal(["Hidden"], await NamesAsync(client, "?filters[exclude_from_stats]=true"));
        Assert.Equal(["Hidden", "Bank", "Dollars", "Default Wallet", "Old"], await NamesAsync(client, "?order[balance]=desc&order[name]=asc"));
        Assert.Equal(["Bank", "Default Wallet", "Dollars", "Hidden", "Old"], await NamesAsync(client, "?order[name]=asc"));
        Assert.Equal(["Bank", "Old"], await NamesAsync(client, "?filters[type]=bank&filters[currency]=EUR&order[sorting]=asc"));
        var trashed = await (await client.GetAsync("/api/wallet/list?filter[trashed]=true&filters[type]=bank")).Json();
        Assert.Equal(["Bank", "Old", "Gone"], trashed.AsArray().Select(w => (string)w!["name"]!));
        Assert.NotNull(trashed.AsArray().Single(w => (string)w!["name"]! == "Gone")!["deleted_at"]);
        Assert.Equal("300.00", Raw(trashed[0]!, "balance"));
        Assert.Equal((string)bank["uuid"]!, (string)trashed[0]!["uuid"]!);
        Assert.NotNull(hidden);

        foreach (var (query, key) in new[]
        {
            ("filters[color]=red", "filters[color]"), ("filters[type]=cash", "filters[type]"), ("filters[archived]=maybe", "filters[archived]"),
            ("filters[currency]=XYZ", "filters[currency]"), ("order[color]=asc", "order[color]"), ("order[name]=up", "order[name]"),
            ("filter[trashed]=yes", "filter[trashed]"), ("filters=1", "filters"),
        })
        {
            var bad = await client.GetAsync($"/api/wallet/list?{query}");
            var errors = (await bad.Problem(HttpStatusCode.BadRequest))["errors"]!;
            Assert.True(errors[key] is not null, $"{query}: {errors.ToJsonString()}");
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/wallet/list?page=2&_=123")).StatusCode);
    }

    [Fact]
    public async Task Delete_is_soft_and_restore_brings_the_wallet_back()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var wallet = await CreateAsync(client, new { name = "Savings", type = "bank", balance = 10 });
        var uuid = (string)wallet["uuid"]!;

        var delete = await client.DeleteAsync($"/api/wallet/{uuid}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(await delete.Content.ReadAsByteArrayAsync());
        await (await client.GetAsync($"/api/wallet/show/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/wallet/{uuid}")).Problem(HttpStatusCode.NotFound);
        await (await client.PatchAsync($"/api/wallet/archive/{uuid}", null)).Problem(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/api/wallet/archive/{(string)(await CreateAsync(client, new { name = "Other", type = "cache" }))["uuid"]!}", null)).StatusCode);
        var restore = await client.PatchAsync($"/api/wallet/restore/{uuid}", null);
        var restored = await restore.Json();
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        Assert.Null(restored["deleted_at"]);
        Assert.False((bool)restored["archived"]!);
        Assert.Equal("10.00", Raw(restored, "balance"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/wallet/show/{uuid}")).StatusCode);
    }

    [Fact]
    public async Task A_wallet_that_pays_a_live_credit_card_cannot_be_deleted()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var bank = (string)(await CreateAsync(client, new { name = "Bank", type = "bank" }))["uuid"]!;
        var card = (string)(await CreateAsync(client, new
        {
            name = "Card", type = "credit-card", payment_account = bank, closing_date = "2025-01-25", invoice_date = "2025-02-05",
        }))["uuid"]!;

        var refused = await client.DeleteAsync($"/api/wallet/{bank}");
        Assert.Contains("credit card", (string)(await refused.Problem(HttpStatusCode.Conflict))["detail"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/wallet/{card}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/wallet/{bank}")).StatusCode);
    }

    [Fact]
    public async Task Archive_restore_and_sorting_answer_200_with_the_wallet()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var uuid = (string)(await CreateAsync(client, new { name = "Bank", type = "bank" }))["uuid"]!;

        var archived = await client.PatchAsync($"/api/wallet/archive/{uuid}", null);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.True((bool)(await archived.Json())["archived"]!);
        var restored = await client.PatchAsync($"/api/wallet/restore/{uuid}", null);
        Assert.False((bool)(await restored.Json())["archived"]!);

        var sorted = await client.PatchAsJsonAsync($"/api/wallet/sorting/{uuid}", new { sorting = 7 });
        Assert.Equal(HttpStatusCode.OK, sorted.StatusCode);
        Assert.Equal(7, (int)(await sorted.Json())["sorting"]!);
        Assert.NotNull((await (await client.PatchAsJsonAsync($"/api/wallet/sorting/{uuid}", new { })).Problem(HttpStatusCode.BadRequest))["errors"]!["sorting"]);
        Assert.NotNull((await (await client.PatchAsync($"/api/wallet/sorting/{uuid}", Json("""{"sorting": "first"}"""))).Problem(HttpStatusCode.BadRequest))["errors"]!["sorting"]);
    }

    [Fact]
    public async Task Malformed_json_and_non_object_bodies_are_400()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var uuid = (string)(await CreateAsync(client, new { name = "Bank", type = "bank" }))["uuid"]!;
        await (await client.PostAsync("/api/wallet/create", Json("{\"name\": "))).Problem(HttpStatusCode.BadRequest);
        await (await client.PostAsync("/api/wallet/create", Json("[]"))).Problem(HttpStatusCode.BadRequest);
        await (await client.PostAsync("/api/wallet/create", Json(""))).Problem(HttpStatusCode.BadRequest);
        await (await client.PutAsync($"/api/wallet/update/{uuid}", Json("{\"name\": [}"))).Problem(HttpStatusCode.BadRequest);
        await (await client.PatchAsync($"/api/wallet/sorting/{uuid}", Json("nope"))).Problem(HttpStatusCode.BadRequest);
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
        var (_, _, theirs) = await NewWorkspaceAsync();
        var target = await CreateAsync(theirs, new { name = "Their bank", type = "bank", balance = 42 });
        var uuid = (string)target["uuid"]!;
        var (intruder, _, mine) = await NewWorkspaceAsync();
        var theirWorkspace = intruder.Client(Guid.Parse((string)(await (await theirs.GetAsync("/api/workspace/current")).Json())["workspace"]!["uuid"]!));

        foreach (var client in new[] { mine, theirWorkspace })
        {
            foreach (var (method, path, body) in Routes(uuid))
            {
                await (await Send(client, method, path, body)).Problem(HttpStatusCode.NotFound);
            }
        }
        Assert.DoesNotContain(uuid, (await (await mine.GetAsync("/api/wallet/list?filter[trashed]=true")).Json()).AsArray().Select(w => (string)w!["uuid"]!));
        var asPayment = await mine.PostAsJsonAsync("/api/wallet/create", new
        {
            name = "Card", type = "credit-card", payment_account = uuid, closing_date = "2025-01-25", invoice_date = "2025-02-05",
        });
        Assert.NotNull((await asPayment.Problem(HttpStatusCode.BadRequest))["errors"]!["payment_account"]);

        var after = await Show(theirs, Guid.Parse(uuid));
        Assert.Equal(target.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task Viewers_read_but_get_403_on_every_write_while_members_write()
    {
        var (owner, workspace, client) = await NewWorkspaceAsync();
        var wallet = await CreateAsync(client, new { name = "Shared", type = "bank", balance = 5 });
        var uuid = (string)wallet["uuid"]!;
        var viewer = await ShareAsync(owner, workspace, "viewer");
        var member = await ShareAsync(owner, workspace, "member");

        var reader = viewer.Client(workspace);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/wallet/list")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/wallet/show/{uuid}")).StatusCode);
        await (await reader.PostAsJsonAsync("/api/wallet/create", new { name = "Mine", type = "bank" })).Problem(HttpStatusCode.Forbidden);
        foreach (var (method, path, body) in Routes(uuid).Where(r => r.Method != HttpMethod.Get))
        {
            await (await Send(reader, method, path, body)).Problem(HttpStatusCode.Forbidden);
        }
        Assert.Equal(wallet.ToJsonString(), (await Show(client, Guid.Parse(uuid))).ToJsonString());

        var writer = member.Client(workspace);
        await CreateAsync(writer, new { name = "Member's", type = "cache" });
        Assert.Equal("Renamed", (string)(await Update(writer, uuid, new { name = "Renamed" }))["name"]!);
    }

    [Fact]
    public async Task Create_honours_an_idempotency_key()
    {
        var (_, _, client) = await NewWorkspaceAsync();
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Post()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/wallet/create") { Content = JsonContent.Create(new { name = "Once", type = "bank", balance = 1 }) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }
        var first = await Post();
        var second = await Post();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((string)(await first.Json())["uuid"]!, (string)(await second.Json())["uuid"]!);
        Assert.Equal(2, (await (await client.GetAsync("/api/wallet/list")).Json()).AsArray().Count);
    }

    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> Routes(string uuid) =>
    [
        (HttpMethod.Get, $"/api/wallet/show/{uuid}", null),
        (HttpMethod.Put, $"/api/wallet/update/{uuid}", new { name = "Hijacked", opening_balance = 1 }),
        (HttpMethod.Patch, $"/api/wallet/archive/{uuid}", null),
        (HttpMethod.Patch, $"/api/wallet/restore/{uuid}", null),
        (HttpMethod.Patch, $"/api/wallet/sorting/{uuid}", new { sorting = 9 }),
        (HttpMethod.Delete, $"/api/wallet/{uuid}", null),
    ];

    private async Task<(TestUser User, Guid Workspace, HttpClient Client)> NewWorkspaceAsync(string? currency = null)
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync("Home", currency is null ? null : new { workspace = new { name = "Home", currency } });
        return (user, workspace, user.Client(workspace));
    }

    private async Task<TestUser> ShareAsync(TestUser owner, Guid workspace, string role)
    {
        var user = await app.NewUserAsync();
        var share = await owner.Client().PostAsJsonAsync($"/api/workspace/{workspace}/share", new { user_to_share = user.Email, role });
        Assert.Equal(HttpStatusCode.Created, share.StatusCode);
        return user;
    }

    /// <summary>Books a counted entry on the wallet the way the entries module does: the entry and the balance shift together.</summary>
    private async Task AddEntryAsync(Guid walletUuid, long minorUnits)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        var wallet = await db.Wallets.SingleAsync(w => w.Uuid == walletUuid);
        db.Entries.Add(new Entry
        {
            WorkspaceId = wallet.WorkspaceId, WalletId = wallet.Id, Type = minorUnits < 0 ? EntryType.Expenses : EntryType.Incoming,
            Amount = minorUnits, WalletAmount = minorUnits, BaseAmount = minorUnits, CurrencyId = wallet.CurrencyId,
            CategoryId = ReferenceIds.TransferSubCategory, DateTime = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        await db.Wallets.Where(w => w.Id == wallet.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Balance, w => w.Balance + minorUnits));
    }

    private static async Task<JsonNode> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/wallet/create", body);
        var wallet = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, wallet.ToJsonString());
        return wallet;
    }

    private static async Task<JsonNode> Update(HttpClient client, string uuid, object body)
    {
        var response = await client.PutAsJsonAsync($"/api/wallet/update/{uuid}", body);
        var wallet = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, wallet.ToJsonString());
        return wallet;
    }

    private static async Task<JsonNode> Show(HttpClient client, Guid uuid)
    {
        var response = await client.GetAsync($"/api/wallet/show/{uuid}");
        var wallet = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, wallet.ToJsonString());
        return wallet;
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/wallet/list{query}");
        var list = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, list.ToJsonString());
        return list.AsArray().Select(w => (string)w!["name"]!).ToList();
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return client.SendAsync(request);
    }

    /// <summary>A JSON value exactly as the server wrote it (money must keep its digits: "12.50").</summary>
    private static string Raw(JsonNode node, string field) => node[field]!.ToJsonString();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

public sealed class SqliteWalletTests(SqliteApp app) : WalletTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresWalletTests(PostgresApp app) : WalletTests(app), IClassFixture<PostgresApp>;
