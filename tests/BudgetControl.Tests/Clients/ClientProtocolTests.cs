using System.Net;
using System.Net.Http.Json;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests.Clients;

/// <summary>
/// Replays the original web app's main flows over HTTP, request by request, with its bodies and headers,
/// from another origin (preflights and CORS checks included), and checks every field it reads
/// (original-core §2, original-analytics §10), including the dashboard's statistics and the budget page.
/// </summary>
public abstract class ClientProtocolTests(ClientApp app)
{
    [Fact]
    public async Task Register_finalize_dashboard_entries_goals_and_payees_work_as_the_original_web_app_calls_them()
    {
        var client = new OriginalClient(app, ClientApp.WebOrigin);
        var email = $"web{Guid.NewGuid():N}@example.com";

        // Register: sign-up, then at once the login (no e-mail confirmation in between), then user-info.
        var signUp = await OriginalClient.OkJson(await client.PostAsync("/api/auth/sign-up",
            new { name = "Ada", email, password = BudgetApp.Password, password_confirmation = BudgetApp.Password }), HttpStatusCode.Created);
        Assert.NotNull(signUp["success"]);
        var login = await OriginalClient.OkJson(await client.PostAsync("/api/auth/authenticate", new { email, password = BudgetApp.Password }));
        Assert.True((bool)login["success"]!);
        Assert.Empty(login["workspaces"]!.AsArray());
        Assert.False(string.IsNullOrEmpty((string?)login["refresh_token"]));
        Assert.False(string.IsNullOrEmpty((string?)login["id_token"]));
        client.AccessToken = (string)login["token"]!;

        var first = await OriginalClient.OkJson(await client.GetAsync("/api/auth/user-info"));
        var userUuid = (string)first["userInfo"]!["uuid"]!;
        Assert.Equal(email, (string)first["userInfo"]!["email"]!);
        Assert.Equal("", (string)first["userInfo"]!["current_ws"]!);
        Assert.True((bool)first["userInfo"]!["email_confirmation_required"]!);

        // Finalize: the onboarding form's body (workspace, first wallet, currency id 2, payment type 1, opening balance).
        var finalizeResponse = await client.PostAsync($"/api/auth/{userUuid}/finalize/sign-up", new
        {
            workspace = new { name = "Workspace", currency = 2, payment_type = 1 },
            wallet = new { name = "Bank", type = "bank", balance = 1000, currency = 2, color = "#123456", exclude_from_stats = false },
        });
        var finalize = await OriginalClient.OkJson(finalizeResponse);
        Assert.Contains("X-BC-Token", OriginalClient.Exposed(finalizeResponse), StringComparer.OrdinalIgnoreCase);
        client.BcToken = finalizeResponse.Headers.GetValues("X-BC-Token").Single();
        Assert.Equal(client.BcToken, (string)finalize["token"]!);
        var workspace = (string)finalize["userInfo"]!["current_ws"]!;
        Assert.Equal(2, (int)finalize["userInfo"]!["workspace_settings"]!["data"]!["currency"]!["id"]!);
        Assert.Equal(1, (int)finalize["userInfo"]!["workspace_settings"]!["data"]!["payment_type_id"]!);
        client.Workspace = workspace;

        // Dashboard bootstrap: user-info with X-WS, workspaces, reference data, wallets (with the client's archived filter).
        var bootstrap = await client.GetAsync("/api/auth/user-info");
        var info = await OriginalClient.OkJson(bootstrap);
        client.BcToken = bootstrap.Headers.GetValues("X-BC-Token").Single();
        Assert.Equal(workspace, (string)info["userInfo"]!["current_ws"]!);
        Assert.Equal(workspace, (string)info["userInfo"]!["workspaces"]![0]!["uuid"]!);
        Assert.NotNull(info["userInfo"]!["shared_with"]!.AsArray());
        var workspaces = (await OriginalClient.OkJson(await client.GetAsync("/api/workspace/list"))).AsArray();
        Assert.Equal(workspace, (string)workspaces.Single()!["uuid"]!);
        foreach (var path in new[] { "/api/currencies", "/api/payment-types", "/api/categories", "/api/categories-subcategories" })
        {
            var reference = (await OriginalClient.OkJson(await client.GetAsync(path))).AsArray();
            Assert.NotEmpty(reference);
            Assert.NotNull(reference[0]!["id"]);
            Assert.NotNull(reference[0]!["name"]);
        }
        var wallets = (await OriginalClient.OkJson(await client.GetAsync("/api/wallet/list?filters[archived]=false"))).AsArray();
        var bank = wallets.Single()!;
        Assert.Equal("Bank", (string)bank["name"]!);
        Assert.Equal(1000m, (decimal)bank["balance"]!);
        foreach (var field in new[] { "id", "uuid", "name", "color", "type", "balance", "currency", "exclude_from_stats", "archived", "sorting" })
        {
            Assert.True(bank.AsObject().ContainsKey(field), $"wallet.{field}");
        }
        var bankId = (string)bank["id"]!;
        Assert.Equal((string)bank["uuid"]!, bankId);

        // A second wallet from the wallet settings form, for transfers.
        var cash = await OriginalClient.OkJson(await client.PostAsync("/api/wallet/create",
            new { name = "Cash", color = "#00ff00", type = "cache", currency = 2, exclude_from_stats = false, balance = 0, installement_value = 0, installement = false, payment_account = (string?)null, closing_date = (string?)null, invoice_date = (string?)null, voucher_value = (string?)null, sorting = 0 }), HttpStatusCode.Created);
        var cashId = (string)cash["id"]!;

        // A goal from the goal form: JSON.stringify of a local date-picker value.
        var goal = await OriginalClient.OkJson(await client.PostAsync("/api/goals/create",
            "{\"name\":\"Car\",\"amount\":5000,\"due_date\":\"2027-06-14T22:00:00.000Z\",\"description\":\"\",\"icon\":\"fa-car\"}"), HttpStatusCode.Created);
        Assert.Equal("2027-06-14", (string)goal["due_date"]!); // the workspace is in UTC
        var goals = (await OriginalClient.OkJson(await client.GetAsync("/api/goals"))).AsArray();
        var goalId = (string)goals.Single()!["id"]!;
        foreach (var field in new[] { "name", "amount", "balance", "due_date", "description", "status" })
        {
            Assert.True(goals.Single()!.AsObject().ContainsKey(field), $"goal.{field}");
        }

        // Add entries with the entry form's bodies: the exact expense body of issue 11, with a real wallet id.
        var expense = await OriginalClient.OkJson(await client.PostAsync("/api/entry/expense",
            "{\"amount\":-12.3,\"note\":null,\"labels\":[],\"currency_id\":2,\"payment_type\":1,\"transfer_id\":false,\"date_time\":\"2026-11-26T01:02:50.000Z\",\"confirmed\":true,\"waranty\":false,\"geolocalization\":\"\",\"planning\":0,\"end_date_time\":null,\"exclude_from_stats\":false,\"name\":null,\"type\":\"expenses\",\"account_id\":\"" + bankId + "\",\"category_id\":32}"),
            HttpStatusCode.Created);
        Assert.Equal(-12.3m, (decimal)expense["amount"]!);
        Assert.Equal("expenses", (string)expense["type"]!);

        // A new label goes as {name, color}; the label list then gives it an id, sent back as {name: id, color: null}.
        await OriginalClient.OkJson(await client.PostAsync("/api/entry/expense", Body(-5, bankId, "expenses", 32, labels: "[{\"name\":\"groceries\",\"color\":\"#ff0000\"}]")), HttpStatusCode.Created);
        var labels = (await OriginalClient.OkJson(await client.GetAsync("/api/label/list"))).AsArray();
        var label = labels.Single()!;
        Assert.Equal("groceries", (string)label["name"]!);
        Assert.Equal("#ff0000", (string)label["color"]!);
        var labelId = (string)label["id"]!;
        var labelled = await OriginalClient.OkJson(await client.PostAsync("/api/entry/expense", Body(-7, bankId, "expenses", 32, labels: $"[{{\"name\":\"{labelId}\",\"color\":null}}]")), HttpStatusCode.Created);
        Assert.Equal(labelId, (string)labelled["labels"]![0]!["id"]!);
        Assert.Single((await OriginalClient.OkJson(await client.GetAsync("/api/label/list"))).AsArray());

        await OriginalClient.OkJson(await client.PostAsync("/api/entry/income", Body(100, bankId, "incoming", 1)), HttpStatusCode.Created);
        var transfer = await OriginalClient.OkJson(await client.PostAsync("/api/entry/transfer", Body(50, bankId, "transfer", 75, transferTo: cashId)), HttpStatusCode.Created);
        Assert.Equal(-50m, (decimal)transfer["transfer_this"]!["amount"]!);
        Assert.Equal(50m, (decimal)transfer["to_this"]!["amount"]!);
        await OriginalClient.OkJson(await client.PostAsync("/api/entry/debit", Body(-20, bankId, "debit", 55, extra: "\"payee_id\":\"Mario\",")), HttpStatusCode.Created);
        await OriginalClient.OkJson(await client.PostAsync("/api/entry/saving", Body(30, bankId, "saving", 62, extra: $"\"goal_id\":\"{goalId}\",")), HttpStatusCode.Created);
        var future = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        await OriginalClient.OkJson(await client.PostAsync("/api/entry/expense", Body(-9, bankId, "expenses", 32, date: future)), HttpStatusCode.Created);

        // Half-way through the session the access token expires; the app does not refresh, the server renews it.
        var before = client.AccessToken;
        client.AccessToken = app.Expired(before);
        var page = await OriginalClient.OkJson(await client.GetAsync("/api/entry?per_page=30&page=1&filters[planned]=0"));
        Assert.Equal(1, client.Renewals);
        Assert.NotEqual(before, client.AccessToken);
        Assert.Equal(Jwt.Claims(before)["oi_au_id"]!.ToString(), Jwt.Claims(client.AccessToken!)["oi_au_id"]!.ToString());

        // My entries: the regular list, then the planned one, as the entries page merges them.
        Assert.Equal(1, (int)page["current_page"]!);
        Assert.Equal(30, (int)page["per_page"]!);
        var rows = page["data"]!.AsArray();
        Assert.Equal(8, rows.Count); // 3 expenses, 1 income, 2 transfer sides, 1 debit, 1 saving
        Assert.Equal(8, (int)page["total"]!);
        foreach (var field in new[] { "uuid", "amount", "date_time", "type", "note", "labels", "wallet", "sub_category", "currency", "payment_type", "payee", "planned", "confirmed", "transfer", "account_id" })
        {
            Assert.True(rows[0]!.AsObject().ContainsKey(field), $"entry.{field}");
        }
        var debit = rows.Single(r => (string)r!["type"]! == "debit")!;
        Assert.Equal("Mario", (string)debit["payee"]!["name"]!);
        Assert.Equal(bankId, (string)debit["wallet"]!["id"]!);
        Assert.NotNull(debit["sub_category"]!["category"]);
        var withLabel = rows.Single(r => r!["labels"]!.AsArray().Count == 1 && (decimal)r["amount"]! == -7m)!;
        Assert.Equal("groceries", (string)withLabel["labels"]![0]!["name"]!);
        Assert.Equal(1, client.Renewals); // the renewed token is used from now on
        var planned = await OriginalClient.OkJson(await client.GetAsync("/api/entry?per_page=30&page=1&filters[planned]=1"));
        Assert.Equal(-9m, (decimal)planned["data"]!.AsArray().Single()!["amount"]!);
        Assert.True((bool)planned["data"]![0]!["planned"]!);

        // Wallet strip after the entries: 1000 - 12.30 - 5 - 7 + 100 - 50 - 20 - 30 (the planned -9 does not count yet).
        wallets = (await OriginalClient.OkJson(await client.GetAsync("/api/wallet/list?filters[archived]=false"))).AsArray();
        Assert.Equal(975.70m, (decimal)wallets.Single(w => (string)w!["id"]! == bankId)!["balance"]!);
        Assert.Equal(50m, (decimal)wallets.Single(w => (string)w!["id"]! == cashId)!["balance"]!);

        // Payees page, goals page.
        var payees = (await OriginalClient.OkJson(await client.GetAsync("/api/payees"))).AsArray();
        Assert.Equal("Mario", (string)payees.Single()!["name"]!);
        Assert.NotNull(payees.Single()!["id"]);
        var debits = (await OriginalClient.OkJson(await client.GetAsync("/api/debits"))).AsArray();
        var mario = debits.Single()!;
        Assert.Equal("debit", (string)mario["type"]!);
        Assert.Equal(-20m, (decimal)mario["debts"]!["balance"]!);
        Assert.Single(mario["debts"]!["entries"]!.AsArray());
        var goalDetail = await OriginalClient.OkJson(await client.GetAsync($"/api/goals/{goalId}"));
        Assert.Equal(30m, (decimal)goalDetail["balance"]!);

        // Paths the app builds with a doubled slash reach the same endpoints.
        Assert.Equal(2, (await OriginalClient.OkJson(await client.GetAsync("/api//wallet/list"))).AsArray().Count);

        // Preflights are cached (per URL and method, for Access-Control-Max-Age): repeated calls are not preflighted again.
        Assert.InRange(client.Preflights, 1, client.Calls - 5);

        // Logout ends the session at once: the current token is refused, and so is its expired copy (no renewal).
        await OriginalClient.OkJson(await client.GetAsync("/api/auth/logout"));
        var afterLogout = await client.GetAsync("/api/wallet/list");
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        client.AccessToken = app.Expired(client.AccessToken!);
        var renewals = client.Renewals;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/wallet/list")).StatusCode);
        Assert.Equal(renewals, client.Renewals);
    }

    [Fact]
    public async Task Dashboard_statistics_and_the_budget_page_work_as_the_original_web_app_calls_them()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Dashboard");
        var client = new OriginalClient(app, ClientApp.WebOrigin) { AccessToken = user.AccessToken, Workspace = ws.ToString() };
        var wallet = (string)(await OriginalClient.OkJson(await client.GetAsync("/api/wallet/list?filters[archived]=false"))).AsArray()[0]!["id"]!;
        var now = DateTime.UtcNow;
        var today = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await OriginalClient.OkJson(await client.PostAsync("/api/entry/income", new
        {
            amount = 2000, note = (string?)null, labels = Array.Empty<object>(), currency_id = 2, payment_type = 1, transfer_id = false, date_time = today,
            confirmed = true, waranty = false, geolocalization = "", planning = 0, end_date_time = (string?)null, exclude_from_stats = false, name = (string?)null,
            type = "incoming", account_id = wallet, category_id = 1,
        }), HttpStatusCode.Created);
        await OriginalClient.OkJson(await client.PostAsync("/api/entry/expense", new
        {
            amount = -123.45, note = "groceries", labels = new[] { new { name = "food", color = "#00aa00" } }, currency_id = 2, payment_type = 1, transfer_id = false,
            date_time = today, confirmed = true, waranty = false, geolocalization = "", planning = 0, end_date_time = (string?)null, exclude_from_stats = false,
            name = (string?)null, type = "expenses", account_id = wallet, category_id = 32,
        }), HttpStatusCode.Created);

        // Header cards: each a JSON number the client formats with toFixed.
        var total = await OriginalClient.OkJson(await client.GetAsync("/api/stats/total"));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, total["total"]!.GetValueKind());
        foreach (var path in new[] { "/api/stats/total/planned", "/api/stats/health", "/api/stats/debits/total-negative", "/api/stats/debits/total-positive", "/api/stats/total/planned/remaining" })
        {
            var card = await OriginalClient.OkJson(await client.GetAsync(path));
            Assert.Equal(System.Text.Json.JsonValueKind.Number, card["total"]!.GetValueKind());
        }
        // Incoming and expenses of the month, with the dates as the client builds them (unpadded).
        var start = $"{now.Year}-{now.Month}-1";
        var end = $"{now.Year}-{now.Month}-{DateTime.DaysInMonth(now.Year, now.Month)}";
        var incoming = await OriginalClient.OkJson(await client.GetAsync($"/api/stats/incoming?start_date={start}&end_date={end}"));
        Assert.Equal(2000m, (decimal)incoming["total"]!);
        Assert.NotNull(incoming["percentage"]);
        var expenses = await OriginalClient.OkJson(await client.GetAsync($"/api/stats/expenses?start_date={start}&end_date={end}"));
        Assert.Equal(-123.45m, (decimal)expenses["total"]!);
        foreach (var path in new[] { "/api/stats/average-expenses", "/api/stats/average-incoming", "/api/stats/average-savings" })
        {
            Assert.NotNull((await OriginalClient.OkJson(await client.GetAsync(path)))["total"]);
        }
        // Charts: the 12-month line (called with a doubled slash), bars by category and label, the category table.
        var month = $"{now.Year}/{now.Month:00}/01";
        var line = await OriginalClient.OkJson(await client.GetAsync($"/api//stats/chart/line/incoming-expenses?date_time[0][start]={month}&date_time[0][end]={end}"));
        Assert.Equal("Line", (string)line["type"]!);
        Assert.NotEmpty(line["series"]!.AsArray());
        var bars = await OriginalClient.OkJson(await client.GetAsync($"/api/stats/chart/bar/expenses/category?start_date={start}&end_date={end}"));
        Assert.Equal("Bar", (string)bars["type"]!);
        var bar = bars["bar"]!.AsArray().Single(b => (int)b!["data"]!["id"]! == 32)!;
        Assert.Equal(-123.45m, (decimal)bar["value"]!);
        Assert.StartsWith("#", (string)bar["color"]!);
        var labels = await OriginalClient.OkJson(await client.GetAsync($"/api/stats/chart/bar/expenses/label?start_date={start}&end_date={end}"));
        Assert.Contains(labels["bar"]!.AsArray(), b => (string)b!["data"]!["name"]! == "food");
        var table = await OriginalClient.OkJson(await client.GetAsync($"/api/stats/chart/table/expenses/category?start_date={start}&end_date={end}"));
        Assert.Equal("Table", (string)table["type"]!);
        Assert.NotNull(table["rows"]!.AsArray()[0]!["bounceRate"]);

        // Budget page: the form's body (no dates: a monthly budget; the empty recipient field sent as ""), the list, the
        // stats the progress bar reads, delete.
        var created = await OriginalClient.OkJson(await client.PostAsync("/api/budget/create", new
        {
            name = "Food", amount = 500, description = "", notification = false, emails = new[] { "" }, thresholds = new[] { 70, 90, 100 },
            configuration = new { period = "monthly", accounts = new[] { wallet }, categories = new[] { 32 }, tags = Array.Empty<string>(), types = new[] { "expenses" } },
        }), HttpStatusCode.Created);
        var budgetId = (string)created["id"]!;
        Assert.Equal((string)created["uuid"]!, budgetId);
        Assert.Empty(created["emails"]!.AsArray());
        var budgets = (await OriginalClient.OkJson(await client.GetAsync("/api/budgets"))).AsArray();
        Assert.Equal(budgetId, (string)budgets.Single()!["id"]!);
        var all = (await OriginalClient.OkJson(await client.GetAsync("/api/budgets/stats"))).AsArray();
        var stats = all.Single()!;
        Assert.Equal("24.69%", (string)stats["totalSpentPercentage"]!);
        Assert.Equal("monthly", (string)stats["budget"]!["configuration"]!["period"]!);
        var one = await OriginalClient.OkJson(await client.GetAsync($"/api/budget//{budgetId}"));
        Assert.Equal("Food", (string)one["name"]!);
        Assert.True((await client.DeleteAsync($"/api/budget/{budgetId}")).IsSuccessStatusCode);
        Assert.Empty((await OriginalClient.OkJson(await client.GetAsync("/api/budgets"))).AsArray());
    }

    [Fact]
    public async Task Planned_entries_and_templates_accept_the_entry_form_body()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync();
        var wallet = await app.DefaultWalletAsync(ws);
        var login = await OriginalClient.OkJson(await new OriginalClient(app, ClientApp.WebOrigin).PostAsync("/api/auth/authenticate", new { email = user.Email, password = BudgetApp.Password }));
        var client = new OriginalClient(app, "capacitor://localhost") { AccessToken = (string)login["token"]!, Workspace = ws.ToString() };
        var start = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

        var plan = await OriginalClient.OkJson(await client.PostAsync("/api/entry/planned",
            $"{{\"amount\":-40,\"note\":\"rent\",\"labels\":[],\"currency_id\":2,\"payment_type\":1,\"transfer_id\":false,\"date_time\":\"{start}\",\"confirmed\":true,\"waranty\":false,\"geolocalization\":\"\",\"planning\":\"monthly\",\"end_date_time\":null,\"exclude_from_stats\":false,\"name\":null,\"type\":\"expenses\",\"account_id\":\"{wallet}\",\"category_id\":32}}"),
            HttpStatusCode.Created);
        Assert.Equal("monthly", (string)plan["planning"]!);
        var plans = (await OriginalClient.OkJson(await client.GetAsync("/api/entry/planned"))).AsArray();
        Assert.Equal((string)plan["uuid"]!, (string)plans.Single()!["id"]!);

        var model = await OriginalClient.OkJson(await client.PostAsync("/api/entry/model",
            $"{{\"name\":\"Coffee\",\"amount\":-1.5,\"note\":null,\"labels\":[],\"currency_id\":2,\"payment_type\":1,\"type\":\"expenses\",\"account_id\":\"{wallet}\",\"category_id\":32}}"),
            HttpStatusCode.Created);
        var models = (await OriginalClient.OkJson(await client.GetAsync("/api/entry/model"))).AsArray();
        Assert.Equal((string)model["uuid"]!, (string)models.Single()!["id"]!);
    }

    [Fact]
    public async Task Preflight_allows_the_client_headers_and_methods_only_for_configured_origins()
    {
        var http = app.CreateClient();
        foreach (var origin in new[] { ClientApp.WebOrigin, "capacitor://localhost", "http://localhost", "http://127.0.0.1:5173" })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/entry/expense");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "PATCH");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization,x-bc-token,x-ws,content-type,idempotency-key,if-match");
            var answer = await http.SendAsync(preflight);
            Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
            Assert.Equal(origin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal("7200", answer.Headers.GetValues("Access-Control-Max-Age").Single());
            Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));
        }

        using var foreign = new HttpRequestMessage(HttpMethod.Options, "/api/entry/expense");
        foreign.Headers.Add("Origin", "https://evil.example");
        foreign.Headers.Add("Access-Control-Request-Method", "POST");
        var refused = await http.SendAsync(foreign);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/currencies");
        get.Headers.Add("Origin", ClientApp.WebOrigin);
        var simple = await http.SendAsync(get);
        var exposed = OriginalClient.Exposed(simple).ToList();
        foreach (var header in new[] { "Authorization", "X-BC-Token", "ETag", "Location" })
        {
            Assert.Contains(header, exposed, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_reused_refresh_token_ends_the_family_for_refresh_for_access_tokens_and_for_renewal()
    {
        var user = await app.NewUserAsync();
        var anonymous = app.Anonymous();
        var rotated = await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).Json();
        var access = (string)rotated["token"]!;
        await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).Problem(HttpStatusCode.Unauthorized);

        var client = new OriginalClient(app, ClientApp.WebOrigin) { AccessToken = access };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/check")).StatusCode);
        client.AccessToken = app.Expired(access);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/check")).StatusCode);
        Assert.Equal(0, client.Renewals);
    }

    [Fact]
    public async Task Unconfirmed_accounts_use_their_own_workspace_but_neither_share_nor_get_invited()
    {
        var confirmed = await app.NewUserAsync("Conf");
        var email = $"n{Guid.NewGuid():N}@example.com";
        var signUp = await app.Anonymous().PostAsJsonAsync("/api/auth/sign-up", new { name = "New", email, password = BudgetApp.Password, password_confirmation = BudgetApp.Password });
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var fresh = await app.SignInAsync(email, BudgetApp.Password);
        var own = await fresh.CreateWorkspaceAsync("Mine");
        Assert.Equal(HttpStatusCode.OK, (await fresh.Client(own).GetAsync("/api/wallet/list")).StatusCode);

        var share = await fresh.Client().PostAsJsonAsync($"/api/workspace/{own}/share", new { user_to_share = confirmed.Email });
        await share.Problem(HttpStatusCode.Forbidden);
        var theirs = await confirmed.CreateWorkspaceAsync("Theirs");
        var invite = await confirmed.Client().PostAsJsonAsync($"/api/workspace/{theirs}/share", new { user_to_share = email });
        await invite.Problem(HttpStatusCode.Conflict);
        var atCreate = await confirmed.Client().PostAsJsonAsync("/api/workspace/create", new { workspace = new { name = "Both" }, shareWith = new[] { email } });
        Assert.NotNull((await atCreate.Problem(HttpStatusCode.BadRequest))["errors"]!["shareWith"]);

        await app.Anonymous().GetAsync($"/api/auth/confirm/{await app.LinkTokenAsync(email, "confirm")}");
        Assert.Equal(HttpStatusCode.Created, (await confirmed.Client().PostAsJsonAsync($"/api/workspace/{theirs}/share", new { user_to_share = email })).StatusCode);
    }

    [Fact]
    public async Task Goal_due_dates_sent_as_javascript_instants_are_the_day_meant_in_the_workspace_zone()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync("Rome", new { workspace = new { name = "Rome", time_zone = "Europe/Rome" } });
        var client = user.Client(ws);
        foreach (var (sent, day) in new[] { ("2027-06-14T22:00:00.000Z", "2027-06-15"), ("2027-06-15", "2027-06-15"), ("2027-6-5", "2027-06-05"), ("2027/11/01", "2027-11-01"), ("2027-06-15 10:00:00", "2027-06-15"), ("2027-01-31T23:30:00+01:00", "2027-01-31") })
        {
            var created = await client.PostAsJsonAsync("/api/goals/create", new { name = "G " + sent, amount = 10, due_date = sent });
            var body = await created.Json();
            Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToJsonString());
            Assert.Equal(day, (string)body["due_date"]!);
        }
        var bad = await client.PostAsJsonAsync("/api/goals/create", new { name = "Bad", amount = 10, due_date = "2027-02-30" });
        Assert.NotNull((await bad.Problem(HttpStatusCode.BadRequest))["errors"]!["due_date"]);
    }

    /// <summary>The entry form's body (original-analytics §10.5) as the web app serialises it.</summary>
    private static string Body(decimal amount, string wallet, string type, int category, string labels = "[]", string? transferTo = null, string extra = "", string? date = null) =>
        "{" + extra + $"\"amount\":{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"note\":null,\"labels\":{labels},\"currency_id\":2,\"payment_type\":1,"
        + $"\"transfer_id\":{(transferTo is null ? "false" : "\"" + transferTo + "\"")},\"date_time\":\"{date ?? DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture)}\","
        + $"\"confirmed\":true,\"waranty\":false,\"geolocalization\":\"\",\"planning\":0,\"end_date_time\":null,\"exclude_from_stats\":false,\"name\":null,\"type\":\"{type}\",\"account_id\":\"{wallet}\",\"category_id\":{category}}}";
}

public sealed class SqliteClientProtocolTests(SqliteClientApp app) : ClientProtocolTests(app), IClassFixture<SqliteClientApp>;

public sealed class PostgresClientProtocolTests(PostgresClientApp app) : ClientProtocolTests(app), IClassFixture<PostgresClientApp>;
