using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests;

/// <summary>
/// Every route of the workspace module (original-core §4), with the original's defects fixed: requested
/// settings honoured on create, per-user "current", reads without side effects, roles, 404 for strangers.
/// </summary>
public abstract class WorkspaceTests(BudgetApp app)
{
    // ---------------------------------------------------------------- create

    [Fact]
    public async Task Create_returns_201_with_the_workspace_document()
    {
        var user = await app.NewUserAsync("Carla");
        var response = await user.Client().PostAsJsonAsync("/api/workspace/create", new { workspace = new { name = "  Home  ", description = "Our money" } });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());

        var workspace = body["workspace"]!;
        var uuid = Guid.Parse((string)workspace["uuid"]!);
        Assert.Equal($"/api/workspace/{uuid}", response.Headers.Location?.OriginalString);
        Assert.Equal("Home", (string)workspace["name"]!);
        Assert.Equal("Our money", (string)workspace["description"]!);
        Assert.True((bool)workspace["current"]!);
        Assert.Equal("owner", (string)workspace["role"]!);
        Assert.Equal(user.Uuid.ToString(), (string)workspace["owner"]!["uuid"]!);
        Assert.Equal("Carla", (string)workspace["owner"]!["name"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, workspace["version"]!.GetValueKind());
        Assert.Null(workspace["id"]);
        Assert.NotNull(workspace["created_at"]);
        Assert.NotNull(workspace["updated_at"]);
        var users = workspace["users"]!.AsArray();
        var only = Assert.Single(users)!;
        Assert.Equal(user.Uuid.ToString(), (string)only["uuid"]!);
        Assert.Equal(user.Email, (string)only["email"]!);
        Assert.Equal("owner", (string)only["role"]!);

        var settings = body["settings"]!;
        Assert.Equal("app_configurations", (string)settings["setting"]!);
        var currency = settings["data"]!["currency"]!;
        Assert.Equal(2, (int)currency["id"]!);
        Assert.Equal("EUR", (string)currency["label"]!);
        Assert.Equal("Euro", (string)currency["name"]!);
        Assert.Equal("€", (string)currency["symbol"]!);
        Assert.Equal("euro", (string)currency["slug"]!);
        Assert.Equal(1, (int)settings["data"]!["payment_type_id"]!);
        Assert.Equal("UTC", (string)settings["data"]!["time_zone"]!);
        Assert.Equal("en", (string)settings["data"]!["locale"]!);

        Assert.Equal(user.Uuid.ToString(), (string)body["user"]!["uuid"]!);
        Assert.Equal(user.Email, (string)body["user"]!["email"]!);
        Assert.DoesNotContain("password", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_without_settings_defaults_to_euro_payment_type_1_utc_and_english()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync("Defaults");

        var row = await app.WorkspaceRowAsync(workspace);
        Assert.Equal(2, row.CurrencyId);
        Assert.Equal(1, row.PaymentTypeId);
        Assert.Equal("UTC", row.TimeZone);
        Assert.Equal("en", row.Locale);
        var data = (await user.DocumentAsync(workspace))["settings"]!["data"]!;
        Assert.Equal("EUR", (string)data["currency"]!["label"]!);
        Assert.Equal(1, (int)data["payment_type_id"]!);
    }

    [Fact]
    public async Task Create_honours_the_requested_currency_and_payment_type()
    {
        var user = await app.NewUserAsync();
        var cases = new (object Currency, object PaymentType, int CurrencyId, string Label, int PaymentTypeId)[]
        {
            (1, 3, 1, "USD", 3),
            ("USD", 4, 1, "USD", 4),
            ("gbp", "bank_transfer", 3, "GBP", 3),
            ("5", "2", 5, "CHF", 2),
        };
        foreach (var (currency, paymentType, currencyId, label, paymentTypeId) in cases)
        {
            var response = await user.Client().PostAsJsonAsync("/api/workspace/create",
                new { workspace = new { name = $"Abroad {label}", currency, payment_type = paymentType } });
            var body = await response.Json();
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
            var data = body["settings"]!["data"]!;
            Assert.Equal(currencyId, (int)data["currency"]!["id"]!);
            Assert.Equal(label, (string)data["currency"]!["label"]!);
            Assert.Equal(paymentTypeId, (int)data["payment_type_id"]!);

            var uuid = Guid.Parse((string)body["workspace"]!["uuid"]!);
            var row = await app.WorkspaceRowAsync(uuid);
            Assert.Equal(currencyId, row.CurrencyId);
            Assert.Equal(paymentTypeId, row.PaymentTypeId);
            // The first wallet keeps the workspace's currency unless it names its own.
            Assert.Equal(currencyId, Assert.Single(await app.WalletsAsync(uuid)).CurrencyId);
        }
    }

    [Fact]
    public async Task Create_honours_the_requested_time_zone_and_locale()
    {
        var user = await app.NewUserAsync();
        var response = await user.Client().PostAsJsonAsync("/api/workspace/create",
            new { workspace = new { name = "Roma", time_zone = "Europe/Rome", locale = "it-IT" } });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("Europe/Rome", (string)body["settings"]!["data"]!["time_zone"]!);
        Assert.Equal("it-IT", (string)body["settings"]!["data"]!["locale"]!);
        var row = await app.WorkspaceRowAsync(Guid.Parse((string)body["workspace"]!["uuid"]!));
        Assert.Equal("Europe/Rome", row.TimeZone);
        Assert.Equal("it-IT", row.Locale);
    }

    [Fact]
    public async Task Create_makes_one_cash_wallet_with_the_opening_balance_in_minor_units()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync(extra: new
        {
            workspace = new { name = "Wallets" },
            wallet = new { name = "Pocket", balance = 12.5m, color = "#123456", exclude_from_stats = true },
        });

        var wallet = Assert.Single(await app.WalletsAsync(workspace));
        Assert.Equal("Pocket", wallet.Name);
        Assert.Equal(WalletType.Cache, wallet.Type);
        Assert.Equal(1250, wallet.OpeningBalance);
        Assert.Equal(1250, wallet.Balance);
        Assert.Equal(2, wallet.CurrencyId);
        Assert.Equal("#123456", wallet.Color);
        Assert.True(wallet.ExcludeFromStats);
        Assert.Null(wallet.DeletedAt);
    }

    [Fact]
    public async Task Create_without_a_wallet_makes_the_default_wallet_in_the_workspace_currency()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync(extra: new { workspace = new { name = "Plain", currency = "USD" } });

        var wallet = Assert.Single(await app.WalletsAsync(workspace));
        Assert.Equal("Default Wallet", wallet.Name);
        Assert.Equal(WalletType.Cache, wallet.Type);
        Assert.Equal(0, wallet.OpeningBalance);
        Assert.Equal(0, wallet.Balance);
        Assert.Equal(1, wallet.CurrencyId);
        Assert.Matches("^#[0-9a-f]{6}$", wallet.Color);
    }

    [Fact]
    public async Task Create_counts_the_opening_balance_in_minor_units_of_the_wallets_own_currency()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync(extra: new
        {
            workspace = new { name = "Tokyo" },
            wallet = new { balance = 1234m, currency = "JPY", type = "bank" },
        });

        var wallet = Assert.Single(await app.WalletsAsync(workspace));
        Assert.Equal(4, wallet.CurrencyId);
        Assert.Equal(WalletType.Bank, wallet.Type);
        Assert.Equal(1234, wallet.OpeningBalance);
    }

    [Fact]
    public async Task Create_rejects_a_balance_with_more_decimals_than_the_currency_allows()
    {
        var user = await app.NewUserAsync();
        foreach (var wallet in new[] { "{\"balance\":12.345}", "{\"balance\":0.001}", "{\"balance\":12.5,\"currency\":\"JPY\"}" })
        {
            var response = await user.Client().SendJsonAsync(HttpMethod.Post, "/api/workspace/create",
                $"{{\"workspace\":{{\"name\":\"Too precise\"}},\"wallet\":{wallet}}}");

            var problem = await response.Problem(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]?["wallet.balance"] is not null, $"{wallet}: {problem.ToJsonString()}");
        }
        Assert.Equal((0, 0), await app.FootprintAsync(user));
    }

    [Fact]
    public async Task Create_rejects_invalid_input_naming_the_field_and_writes_nothing()
    {
        var user = await app.NewUserAsync();
        var cases = new (string Json, string Field)[]
        {
            ("{}", "workspace"),
            ("{\"wallet\":{\"name\":\"Lonely\"}}", "workspace"),
            ("{\"workspace\":{}}", "workspace.name"),
            ("{\"workspace\":{\"name\":\"   \"}}", "workspace.name"),
            ("{\"workspace\":{\"name\":\"X\",\"currency\":\"XYZ\"}}", "workspace.currency"),
            ("{\"workspace\":{\"name\":\"X\",\"currency\":999}}", "workspace.currency"),
            ("{\"workspace\":{\"name\":\"X\",\"payment_type\":99}}", "workspace.payment_type"),
            ("{\"workspace\":{\"name\":\"X\",\"payment_type\":\"barter\"}}", "workspace.payment_type"),
            ("{\"workspace\":{\"name\":\"X\",\"time_zone\":\"Mars/Olympus_Mons\"}}", "workspace.time_zone"),
            ("{\"workspace\":{\"name\":\"X\",\"locale\":\"not a locale\"}}", "workspace.locale"),
            ("{\"workspace\":{\"name\":\"X\"},\"wallet\":{\"type\":\"piggy-bank\"}}", "wallet.type"),
            ("{\"workspace\":{\"name\":\"X\"},\"wallet\":{\"currency\":\"ZZZ\"}}", "wallet.currency"),
            ("{\"workspace\":{\"name\":\"X\"},\"shareWith\":[\"nobody-at-all@example.com\"]}", "shareWith"),
        };
        foreach (var (json, field) in cases)
        {
            var response = await user.Client().SendJsonAsync(HttpMethod.Post, "/api/workspace/create", json);

            var problem = await response.Problem(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]?[field] is JsonArray { Count: > 0 }, $"{json}: {problem.ToJsonString()}");
            Assert.True(await app.FootprintAsync(user) == (0, 0), $"{json} wrote something");
        }
        Assert.Empty(await user.ListAsync());
    }

    [Fact]
    public async Task Create_reports_every_invalid_field_at_once()
    {
        var user = await app.NewUserAsync();
        var response = await user.Client().PostAsJsonAsync("/api/workspace/create", new
        {
            workspace = new { name = "", currency = "XYZ", payment_type = 42, time_zone = "Nowhere/Land" },
            wallet = new { type = "sock" },
        });

        var errors = (await response.Problem(HttpStatusCode.BadRequest))["errors"]!;
        foreach (var field in new[] { "workspace.name", "workspace.currency", "workspace.payment_type", "workspace.time_zone", "wallet.type" })
        {
            Assert.True(errors[field] is not null, $"{field} missing in {errors.ToJsonString()}");
        }
        Assert.Equal((0, 0), await app.FootprintAsync(user));
    }

    [Fact]
    public async Task Create_with_shareWith_adds_the_known_users_as_members_and_mails_them()
    {
        var owner = await app.NewUserAsync("Sharer");
        var byEmail = await app.NewUserAsync("Bea");
        var byUuid = await app.NewUserAsync("Ugo");
        var name = "Shared " + Guid.NewGuid().ToString("N")[..8];

        var workspace = await owner.CreateWorkspaceAsync(extra: new
        {
            workspace = new { name },
            shareWith = new[] { byEmail.Email.ToUpperInvariant(), byUuid.Uuid.ToString(), owner.Email },
        });

        var row = await app.WorkspaceRowAsync(workspace);
        Assert.Equal(3, row.Members.Count);
        Assert.Equal(WorkspaceRole.Owner, row.Members[owner.Uuid]);
        Assert.Equal(WorkspaceRole.Member, row.Members[byEmail.Uuid]);
        Assert.Equal(WorkspaceRole.Member, row.Members[byUuid.Uuid]);
        Assert.Equal("member", (string)(await byEmail.DocumentAsync(workspace))["workspace"]!["role"]!);
        Assert.Contains(workspace, await byUuid.ListUuidsAsync());
        // Every invitee is told, not only the first one as in the original.
        Assert.NotNull(await app.ShareMailAsync(byEmail.Email, name));
        Assert.NotNull(await app.ShareMailAsync(byUuid.Email, name));
    }

    [Fact]
    public async Task Create_with_an_unknown_shareWith_user_is_a_400_and_creates_nothing()
    {
        var owner = await app.NewUserAsync();
        var known = await app.NewUserAsync();

        var response = await owner.Client().PostAsJsonAsync("/api/workspace/create", new
        {
            workspace = new { name = "Half shared" },
            shareWith = new[] { known.Email, Guid.NewGuid().ToString() },
        });

        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["shareWith"]);
        Assert.Equal((0, 0), await app.FootprintAsync(owner));
        Assert.Equal((0, 0), await app.FootprintAsync(known));
    }

    // ---------------------------------------------------------------- list, last, get

    [Fact]
    public async Task List_returns_every_workspace_of_the_user_and_by_user_list_only_the_owned_ones()
    {
        var user = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var home = await user.CreateWorkspaceAsync("Home");
        var work = await user.CreateWorkspaceAsync("Work");
        var theirs = await other.CreateWorkspaceAsync("Theirs");
        var notMine = await other.CreateWorkspaceAsync("Not mine");
        await other.ShareAsync(theirs, user, "viewer");

        var all = await user.ListAsync();
        Assert.Equal(3, all.Count);
        Assert.Equal(new[] { home, work, theirs }.Order(), all.Select(w => Guid.Parse((string)w!["uuid"]!)).Order());
        Assert.DoesNotContain(notMine.ToString(), all.ToJsonString(), StringComparison.Ordinal);
        var shared = all.Single(w => (string)w!["uuid"]! == theirs.ToString())!;
        Assert.Equal("viewer", (string)shared["role"]!);
        Assert.Equal("Theirs", (string)shared["name"]!);
        Assert.Equal(other.Uuid.ToString(), (string)shared["owner_uuid"]!);
        Assert.Single(all, w => (bool)w!["current"]!);

        var owned = await user.ListUuidsAsync("/api/workspace/by-user/list");
        Assert.Equal(new[] { home, work }.Order(), owned.Order());
        Assert.All(await user.ListAsync("/api/workspace/by-user/list"), w => Assert.Equal("owner", (string)w!["role"]!));
    }

    [Fact]
    public async Task Lists_of_a_user_without_workspaces_are_empty_not_404()
    {
        var user = await app.NewUserAsync();
        Assert.Empty(await user.ListAsync());
        Assert.Empty(await user.ListAsync("/api/workspace/by-user/list"));
    }

    [Fact]
    public async Task Last_is_a_404_problem_for_a_user_without_workspaces()
    {
        var user = await app.NewUserAsync();
        var response = await user.Client().GetAsync("/api/workspace/last");
        await response.Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Last_is_the_newest_workspace_until_another_is_activated()
    {
        var user = await app.NewUserAsync();
        var first = await user.CreateWorkspaceAsync("First");
        Assert.Equal(first, await user.LastAsync());
        var second = await user.CreateWorkspaceAsync("Second");
        Assert.Equal(second, await user.LastAsync());

        Assert.Equal(HttpStatusCode.OK, (await user.Client().PatchAsync($"/api/workspace/activate/{first}", null)).StatusCode);
        Assert.Equal(first, await user.LastAsync());
        var body = await (await user.Client().GetAsync("/api/workspace/last")).Json();
        Assert.Equal("First", (string)body["workspace"]!["name"]!);
        Assert.Equal("owner", (string)body["workspace"]!["role"]!);
        Assert.NotNull(body["settings"]!["data"]!["currency"]);
    }

    [Fact]
    public async Task Get_returns_the_workspace_with_its_members_and_their_roles()
    {
        var team = await app.TeamAsync("Family");

        foreach (var (reader, role) in new[] { (team.Owner, "owner"), (team.Admin, "admin"), (team.Member, "member"), (team.Viewer, "viewer") })
        {
            var body = await reader.DocumentAsync(team.Workspace);
            var workspace = body["workspace"]!;
            Assert.Equal(team.Workspace.ToString(), (string)workspace["uuid"]!);
            Assert.Equal("Family", (string)workspace["name"]!);
            Assert.Equal(role, (string)workspace["role"]!);
            Assert.Equal(team.Owner.Uuid.ToString(), (string)workspace["owner"]!["uuid"]!);
            Assert.Equal(reader.Uuid.ToString(), (string)body["user"]!["uuid"]!);
            var users = workspace["users"]!.AsArray().ToDictionary(u => Guid.Parse((string)u!["uuid"]!), u => (string)u!["role"]!);
            Assert.Equal(4, users.Count);
            Assert.Equal("owner", users[team.Owner.Uuid]);
            Assert.Equal("admin", users[team.Admin.Uuid]);
            Assert.Equal("member", users[team.Member.Uuid]);
            Assert.Equal("viewer", users[team.Viewer.Uuid]);
            Assert.Equal("EUR", (string)body["settings"]!["data"]!["currency"]!["label"]!);
        }
    }

    [Fact]
    public async Task Reading_a_workspace_changes_neither_its_updated_at_nor_anyones_last()
    {
        var user = await app.NewUserAsync();
        var older = await user.CreateWorkspaceAsync("Older");
        var newer = await user.CreateWorkspaceAsync("Newer");
        var before = await app.WorkspaceRowAsync(older);
        var updatedAt = (string)(await user.DocumentAsync(older))["workspace"]!["updated_at"]!;
        await Task.Delay(50);

        for (var i = 0; i < 3; i++)
        {
            await user.DocumentAsync(older);
            Assert.Equal(HttpStatusCode.OK, (await user.Client(older).GetAsync("/api/workspace/current")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await user.Client(older).GetAsync("/api/auth/user-info")).StatusCode);
            await user.ListAsync();
        }

        var after = await app.WorkspaceRowAsync(older);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(updatedAt, (string)(await user.DocumentAsync(older))["workspace"]!["updated_at"]!);
        // In the original every read bumped updated_at and so moved "last"; here only activation does.
        Assert.Equal(newer, await user.LastAsync());
    }

    [Fact]
    public async Task Get_with_an_unknown_or_malformed_id_is_a_404_problem()
    {
        var user = await app.NewUserAsync();
        await user.CreateWorkspaceAsync();
        foreach (var id in new[] { "not-a-uuid", Guid.Empty.ToString(), Guid.NewGuid().ToString() })
        {
            await (await user.Client().GetAsync($"/api/workspace/{id}")).Problem(HttpStatusCode.NotFound);
        }
    }

    // ---------------------------------------------------------------- update

    [Fact]
    public async Task Owner_updates_the_name_description_and_settings()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync("Before");
        var version = (await app.WorkspaceRowAsync(workspace)).Version;

        var response = await user.UpdateAsync(workspace, new
        {
            name = " After ",
            description = "Renamed",
            currency = "GBP",
            payment_type = 4,
            time_zone = "America/New_York",
            locale = "en-US",
        });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("After", (string)body["workspace"]!["name"]!);
        Assert.Equal("Renamed", (string)body["workspace"]!["description"]!);
        Assert.True((int)body["workspace"]!["version"]! > version);
        var data = body["settings"]!["data"]!;
        Assert.Equal("GBP", (string)data["currency"]!["label"]!);
        Assert.Equal(3, (int)data["currency"]!["id"]!);
        Assert.Equal(4, (int)data["payment_type_id"]!);
        Assert.Equal("America/New_York", (string)data["time_zone"]!);
        Assert.Equal("en-US", (string)data["locale"]!);

        var row = await app.WorkspaceRowAsync(workspace);
        Assert.Equal("After", row.Name);
        Assert.Equal("Renamed", row.Description);
        Assert.Equal(3, row.CurrencyId);
        Assert.Equal(4, row.PaymentTypeId);
        Assert.Equal("America/New_York", row.TimeZone);
        Assert.Equal("en-US", row.Locale);
        Assert.Equal((int)body["workspace"]!["version"]!, row.Version);
    }

    [Fact]
    public async Task Update_leaves_absent_fields_as_they_are()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync(extra: new { workspace = new { name = "Keep", description = "Kept", currency = "USD", time_zone = "Europe/Rome" } });

        var response = await user.UpdateAsync(workspace, new { locale = "it" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var row = await app.WorkspaceRowAsync(workspace);
        Assert.Equal("Keep", row.Name);
        Assert.Equal("Kept", row.Description);
        Assert.Equal(1, row.CurrencyId);
        Assert.Equal("Europe/Rome", row.TimeZone);
        Assert.Equal("it", row.Locale);
    }

    [Fact]
    public async Task A_settings_only_update_bumps_the_workspace_version()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync();
        var version = (int)(await user.DocumentAsync(workspace))["workspace"]!["version"]!;

        var body = await (await user.UpdateAsync(workspace, new { currency = 1, version })).Json();
        Assert.Equal(version + 1, (int)body["workspace"]!["version"]!);
        // The old version is now stale even though only the settings changed.
        await (await user.UpdateAsync(workspace, new { currency = 3, version })).Problem(HttpStatusCode.Conflict);
        Assert.Equal(1, (await app.WorkspaceRowAsync(workspace)).CurrencyId);
    }

    [Fact]
    public async Task Admin_can_update_the_workspace()
    {
        var team = await app.TeamAsync();
        var response = await team.Admin.UpdateAsync(team.Workspace, new { name = "By admin", currency = "CHF", time_zone = "Europe/Zurich" });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("admin", (string)body["workspace"]!["role"]!);
        var row = await app.WorkspaceRowAsync(team.Workspace);
        Assert.Equal("By admin", row.Name);
        Assert.Equal(5, row.CurrencyId);
        Assert.Equal("Europe/Zurich", row.TimeZone);
        Assert.Equal("By admin", (string)(await team.Owner.DocumentAsync(team.Workspace))["workspace"]!["name"]!);
    }

    [Fact]
    public async Task Members_and_viewers_cannot_update_the_workspace()
    {
        var team = await app.TeamAsync("Untouched");
        var before = await app.WorkspaceRowAsync(team.Workspace);

        foreach (var user in new[] { team.Member, team.Viewer })
        {
            var response = await user.UpdateAsync(team.Workspace, new { name = "Hijacked", currency = "USD" });
            await response.Problem(HttpStatusCode.Forbidden);
        }

        var after = await app.WorkspaceRowAsync(team.Workspace);
        Assert.Equal("Untouched", after.Name);
        Assert.Equal(before.CurrencyId, after.CurrencyId);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task A_stale_If_Match_is_a_409_and_changes_nothing()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync("Original");
        var version = (int)(await user.DocumentAsync(workspace))["workspace"]!["version"]!;

        var first = await UpdateIfMatchAsync(user, workspace, $"\"{version}\"", new { name = "First edit" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var current = (int)(await first.Json())["workspace"]!["version"]!;
        Assert.NotEqual(version, current);

        var stale = await UpdateIfMatchAsync(user, workspace, $"\"{version}\"", new { name = "Lost update", currency = "USD" });
        await stale.Problem(HttpStatusCode.Conflict);
        var row = await app.WorkspaceRowAsync(workspace);
        Assert.Equal("First edit", row.Name);
        Assert.Equal(2, row.CurrencyId);
        Assert.Equal(current, row.Version);

        // A weak tag with the current version and "*" both match.
        Assert.Equal(HttpStatusCode.OK, (await UpdateIfMatchAsync(user, workspace, $"W/\"{current}\"", new { name = "Second edit" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UpdateIfMatchAsync(user, workspace, "*", new { name = "Third edit" })).StatusCode);
        Assert.Equal("Third edit", (await app.WorkspaceRowAsync(workspace)).Name);
    }

    [Fact]
    public async Task A_stale_version_in_the_body_is_a_409_and_changes_nothing()
    {
        var team = await app.TeamAsync("Shared doc");
        var version = (int)(await team.Admin.DocumentAsync(team.Workspace))["workspace"]!["version"]!;

        // The owner and the admin both edit the version they read; the second one loses.
        Assert.Equal(HttpStatusCode.OK, (await team.Owner.UpdateAsync(team.Workspace, new { name = "Owner's", version })).StatusCode);
        await (await team.Admin.UpdateAsync(team.Workspace, new { name = "Admin's", version })).Problem(HttpStatusCode.Conflict);

        Assert.Equal("Owner's", (await app.WorkspaceRowAsync(team.Workspace)).Name);
    }

    [Fact]
    public async Task Update_rejects_invalid_fields_naming_them_and_changes_nothing()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync("Stable");
        var before = await app.WorkspaceRowAsync(workspace);
        var cases = new (string Json, string? IfMatch, string Field)[]
        {
            ("{\"name\":\"  \"}", null, "name"),
            ("{\"name\":\"Fine\",\"currency\":\"XYZ\"}", null, "currency"),
            ("{\"name\":\"Fine\",\"payment_type\":77}", null, "payment_type"),
            ("{\"name\":\"Fine\",\"time_zone\":\"Atlantis/Capital\"}", null, "time_zone"),
            ("{\"name\":\"Fine\",\"locale\":\"zz-not-a-culture\"}", null, "locale"),
            ("{\"name\":\"Fine\"}", "yesterday", "If-Match"),
        };
        foreach (var (json, ifMatch, field) in cases)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/workspace/update/{workspace}")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
            var problem = await (await user.Client().SendAsync(request)).Problem(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]?[field] is JsonArray { Count: > 0 }, $"{json}: {problem.ToJsonString()}");
        }

        // Nothing of the valid fields next to the invalid ones was applied either.
        var after = await app.WorkspaceRowAsync(workspace);
        Assert.Equal("Stable", after.Name);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.TimeZone, after.TimeZone);
        Assert.Equal(before.Locale, after.Locale);
    }

    // ---------------------------------------------------------------- activate

    [Fact]
    public async Task Activate_makes_the_workspace_current_and_last_for_that_user_only()
    {
        var owner = await app.NewUserAsync();
        var member = await app.NewUserAsync();
        var a = await owner.CreateWorkspaceAsync("A");
        var b = await owner.CreateWorkspaceAsync("B");
        await owner.ShareAsync(a, member);
        await owner.ShareAsync(b, member);
        var own = await member.CreateWorkspaceAsync("Member's own");
        Assert.Equal(b, await owner.LastAsync());
        Assert.Equal(own, await member.LastAsync());
        var versionOfA = (await app.WorkspaceRowAsync(a)).Version;

        var activated = await owner.Client().PatchAsync($"/api/workspace/activate/{a}", null);
        var body = await activated.Json();
        Assert.True(activated.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.True((bool)body["workspace"]!["current"]!);
        Assert.Equal(a.ToString(), (string)body["workspace"]!["uuid"]!);

        Assert.Equal(a, await owner.LastAsync());
        var ownerList = await owner.ListAsync();
        Assert.True((bool)ownerList.Single(w => (string)w!["uuid"]! == a.ToString())!["current"]!);
        Assert.False((bool)ownerList.Single(w => (string)w!["uuid"]! == b.ToString())!["current"]!);
        Assert.False((bool)(await owner.DocumentAsync(b))["workspace"]!["current"]!);
        // The member's current workspace did not move, and A is not current for them.
        Assert.Equal(own, await member.LastAsync());
        Assert.False((bool)(await member.DocumentAsync(a))["workspace"]!["current"]!);
        // Activation is per user: the shared workspace itself is not changed.
        Assert.Equal(versionOfA, (await app.WorkspaceRowAsync(a)).Version);

        Assert.Equal(HttpStatusCode.OK, (await member.Client().PatchAsync($"/api/workspace/activate/{b}", null)).StatusCode);
        Assert.Equal(b, await member.LastAsync());
        Assert.Equal(a, await owner.LastAsync());
        var info = await (await member.Client().GetAsync("/api/auth/user-info")).Json();
        Assert.Equal(b.ToString(), (string)info["userInfo"]!["current_ws"]!);
    }

    // ---------------------------------------------------------------- delete

    [Fact]
    public async Task Owner_deletes_the_workspace_and_it_is_gone_for_every_member()
    {
        var team = await app.TeamAsync("Doomed");
        var memberToken = await team.Member.SessionTokenAsync(team.Workspace);
        Assert.Equal(HttpStatusCode.OK, (await team.Member.Session(memberToken).GetAsync("/api/workspace/current")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.Viewer.Client(team.Workspace).GetAsync("/api/workspace/current")).StatusCode);

        var deleted = await team.Owner.Client().DeleteAsync($"/api/workspace/{team.Workspace}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        Assert.Null(await app.CachedMembershipAsync(team.Workspace, team.Viewer));
        Assert.Null(await app.CachedMembershipAsync(team.Workspace, team.Member));

        foreach (var user in new[] { team.Owner, team.Admin, team.Member, team.Viewer })
        {
            await (await user.GetAsync(team.Workspace)).Problem(HttpStatusCode.NotFound);
            Assert.DoesNotContain(team.Workspace, await user.ListUuidsAsync());
            await (await user.Client(team.Workspace).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.NotFound);
            await (await user.Client(team.Workspace).GetAsync("/api/auth/user-info")).Problem(HttpStatusCode.NotFound);
            await (await user.Client().PatchAsync($"/api/workspace/activate/{team.Workspace}", null)).Problem(HttpStatusCode.NotFound);
            Assert.Null(await user.LastAsync());
        }
        await (await team.Member.Session(memberToken).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.NotFound);
        await (await team.Owner.Client().DeleteAsync($"/api/workspace/{team.Workspace}")).Problem(HttpStatusCode.NotFound);
        await (await team.Owner.UpdateAsync(team.Workspace, new { name = "Back" })).Problem(HttpStatusCode.NotFound);

        // A soft delete, as in the original: the row and its wallet are kept.
        var row = await app.WorkspaceRowAsync(team.Workspace);
        Assert.NotNull(row.DeletedAt);
        Assert.Equal("Doomed", row.Name);
        Assert.Single(await app.WalletsAsync(team.Workspace));
    }

    [Fact]
    public async Task Only_the_owner_can_delete_the_workspace()
    {
        var team = await app.TeamAsync("Survivor");

        foreach (var user in new[] { team.Admin, team.Member, team.Viewer })
        {
            await (await user.Client().DeleteAsync($"/api/workspace/{team.Workspace}")).Problem(HttpStatusCode.Forbidden);
        }

        Assert.Null((await app.WorkspaceRowAsync(team.Workspace)).DeletedAt);
        Assert.Equal("Survivor", (string)(await team.Viewer.DocumentAsync(team.Workspace))["workspace"]!["name"]!);
    }

    // ---------------------------------------------------------------- share

    [Fact]
    public async Task Share_by_email_adds_a_member_and_mails_the_invitee()
    {
        var owner = await app.NewUserAsync("Ada");
        var invitee = await app.NewUserAsync("Ivo");
        var name = "Flat " + Guid.NewGuid().ToString("N")[..8];
        var workspace = await owner.CreateWorkspaceAsync(name);
        // Refused before the share (and that answer is briefly cached)...
        await (await invitee.Client(workspace).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.NotFound);

        var response = await owner.ShareRequestAsync(workspace, new { user_to_share = "  " + invitee.Email.ToUpperInvariant() + " " });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("Workspace shared successfully", (string)body["message"]!);
        Assert.Equal(invitee.Uuid.ToString(), (string)body["user"]!["uuid"]!);
        Assert.Equal(invitee.Email, (string)body["user"]!["email"]!);
        Assert.Equal("member", (string)body["user"]!["role"]!);

        Assert.Equal(WorkspaceRole.Member, (await app.WorkspaceRowAsync(workspace)).Members[invitee.Uuid]);
        var shared = Assert.Single(await invitee.ListAsync())!;
        Assert.Equal(workspace.ToString(), (string)shared["uuid"]!);
        Assert.Equal("member", (string)shared["role"]!);
        // ...and let in right after it.
        Assert.Equal(HttpStatusCode.OK, (await invitee.Client(workspace).GetAsync("/api/workspace/current")).StatusCode);

        var mail = await app.ShareMailAsync(invitee.Email, name);
        Assert.NotNull(mail);
        Assert.Contains("Ada", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_by_user_uuid_gives_the_requested_role()
    {
        var owner = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync("By uuid");
        foreach (var role in new[] { "viewer", "member", "admin" })
        {
            var invitee = await app.NewUserAsync();
            var response = await owner.ShareRequestAsync(workspace, new { user_to_share = invitee.Uuid.ToString(), role });
            var body = await response.Json();
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
            Assert.Equal(role, (string)body["user"]!["role"]!);
            Assert.Equal(role, (string)(await invitee.DocumentAsync(workspace))["workspace"]!["role"]!);
            Assert.NotNull(await app.ShareMailAsync(invitee.Email, "By uuid"));
        }
    }

    [Fact]
    public async Task Sharing_with_an_unknown_user_is_a_404()
    {
        var owner = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync();

        await (await owner.ShareRequestAsync(workspace, new { user_to_share = $"nobody-{Guid.NewGuid():N}@example.com" })).Problem(HttpStatusCode.NotFound);
        await (await owner.ShareRequestAsync(workspace, new { user_to_share = Guid.NewGuid().ToString() })).Problem(HttpStatusCode.NotFound);

        Assert.Single((await app.WorkspaceRowAsync(workspace)).Members);
    }

    [Fact]
    public async Task Sharing_with_an_existing_member_is_a_409()
    {
        var owner = await app.NewUserAsync();
        var invitee = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync();
        await owner.ShareAsync(workspace, invitee, "viewer");

        await (await owner.ShareRequestAsync(workspace, new { user_to_share = invitee.Uuid.ToString(), role = "admin" })).Problem(HttpStatusCode.Conflict);
        await (await owner.ShareRequestAsync(workspace, new { user_to_share = owner.Email })).Problem(HttpStatusCode.Conflict);

        var members = (await app.WorkspaceRowAsync(workspace)).Members;
        Assert.Equal(2, members.Count);
        Assert.Equal(WorkspaceRole.Viewer, members[invitee.Uuid]);
        Assert.Equal(WorkspaceRole.Owner, members[owner.Uuid]);
    }

    [Fact]
    public async Task Members_and_viewers_cannot_share()
    {
        var team = await app.TeamAsync();
        var outsider = await app.NewUserAsync();

        foreach (var user in new[] { team.Member, team.Viewer })
        {
            await (await user.ShareRequestAsync(team.Workspace, new { user_to_share = outsider.Email })).Problem(HttpStatusCode.Forbidden);
            await (await user.ShareRequestAsync(team.Workspace, new { user_to_share = outsider.Uuid.ToString(), role = "viewer" })).Problem(HttpStatusCode.Forbidden);
        }

        Assert.Equal(4, (await app.WorkspaceRowAsync(team.Workspace)).Members.Count);
        Assert.Empty(await outsider.ListAsync());
    }

    [Fact]
    public async Task Only_the_owner_can_share_as_admin()
    {
        var team = await app.TeamAsync();
        var first = await app.NewUserAsync();
        var second = await app.NewUserAsync();

        await (await team.Admin.ShareRequestAsync(team.Workspace, new { user_to_share = first.Email, role = "admin" })).Problem(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(first.Uuid, (await app.WorkspaceRowAsync(team.Workspace)).Members.Keys);

        // An admin may share with lesser roles; the owner may make admins.
        await team.Admin.ShareAsync(team.Workspace, first, "member");
        await team.Owner.ShareAsync(team.Workspace, second, "admin");

        var members = (await app.WorkspaceRowAsync(team.Workspace)).Members;
        Assert.Equal(WorkspaceRole.Member, members[first.Uuid]);
        Assert.Equal(WorkspaceRole.Admin, members[second.Uuid]);
    }

    [Fact]
    public async Task Share_rejects_a_missing_user_or_an_invalid_role()
    {
        var owner = await app.NewUserAsync();
        var invitee = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync();

        Assert.NotNull((await (await owner.ShareRequestAsync(workspace, new { })).Problem(HttpStatusCode.BadRequest))["errors"]!["user_to_share"]);
        Assert.NotNull((await (await owner.ShareRequestAsync(workspace, new { user_to_share = " " })).Problem(HttpStatusCode.BadRequest))["errors"]!["user_to_share"]);
        Assert.NotNull((await (await owner.ShareRequestAsync(workspace, new { user_to_share = invitee.Email, role = "owner" })).Problem(HttpStatusCode.BadRequest))["errors"]!["role"]);
        Assert.NotNull((await (await owner.ShareRequestAsync(workspace, new { user_to_share = invitee.Email, role = "boss" })).Problem(HttpStatusCode.BadRequest))["errors"]!["role"]);

        Assert.Single((await app.WorkspaceRowAsync(workspace)).Members);
    }

    // ---------------------------------------------------------------- unshare

    [Fact]
    public async Task A_removed_member_is_refused_on_the_very_next_request()
    {
        var owner = await app.NewUserAsync();
        var member = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync("Was shared");
        await owner.ShareAsync(workspace, member);
        var token = await member.SessionTokenAsync(workspace);
        // Both ways of naming the workspace work, and the membership is now cached.
        Assert.Equal(HttpStatusCode.OK, (await member.Session(token).GetAsync("/api/workspace/current")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Client(workspace).GetAsync("/api/workspace/current")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(workspace)).StatusCode);

        Assert.Equal(WorkspaceRole.Member, (await app.CachedMembershipAsync(workspace, member))?.Role);

        var removed = await owner.UnshareAsync(workspace, member.Uuid);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        // Forgotten by the per-request check too, which every workspace-scoped route relies on.
        Assert.Null(await app.CachedMembershipAsync(workspace, member));

        await (await member.Session(token).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.NotFound);
        await (await member.Client(workspace).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.NotFound);
        await (await member.GetAsync(workspace)).Problem(HttpStatusCode.NotFound);
        await (await member.Client(workspace).GetAsync("/api/auth/user-info")).Problem(HttpStatusCode.NotFound);
        Assert.Empty(await member.ListAsync());
        Assert.DoesNotContain(member.Uuid, (await app.WorkspaceRowAsync(workspace)).Members.Keys);
        var users = (await owner.DocumentAsync(workspace))["workspace"]!["users"]!.AsArray();
        Assert.DoesNotContain(member.Uuid.ToString(), users.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_can_leave_the_workspace()
    {
        var team = await app.TeamAsync();

        foreach (var user in new[] { team.Viewer, team.Member, team.Admin })
        {
            Assert.Equal(HttpStatusCode.OK, (await user.Client(team.Workspace).GetAsync("/api/workspace/current")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await user.UnshareAsync(team.Workspace, user.Uuid)).StatusCode);
            Assert.Null(await app.CachedMembershipAsync(team.Workspace, user));
            await (await user.GetAsync(team.Workspace)).Problem(HttpStatusCode.NotFound);
        }

        Assert.Equal(team.Owner.Uuid, Assert.Single((await app.WorkspaceRowAsync(team.Workspace)).Members.Keys));
    }

    [Fact]
    public async Task Nobody_can_remove_the_owner()
    {
        var team = await app.TeamAsync();

        foreach (var user in new[] { team.Owner, team.Admin, team.Member, team.Viewer })
        {
            await (await user.UnshareAsync(team.Workspace, team.Owner.Uuid)).Problem(HttpStatusCode.Forbidden);
        }

        Assert.Equal(WorkspaceRole.Owner, (await app.WorkspaceRowAsync(team.Workspace)).Members[team.Owner.Uuid]);
        Assert.Equal("owner", (string)(await team.Owner.DocumentAsync(team.Workspace))["workspace"]!["role"]!);
    }

    [Fact]
    public async Task An_admin_cannot_remove_another_admin_but_can_remove_members_and_viewers()
    {
        var team = await app.TeamAsync();
        var otherAdmin = await app.NewUserAsync();
        await team.Owner.ShareAsync(team.Workspace, otherAdmin, "admin");

        await (await team.Admin.UnshareAsync(team.Workspace, otherAdmin.Uuid)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await team.Admin.UnshareAsync(team.Workspace, team.Member.Uuid)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await team.Admin.UnshareAsync(team.Workspace, team.Viewer.Uuid)).StatusCode);
        // The owner can remove an admin.
        Assert.Equal(HttpStatusCode.NoContent, (await team.Owner.UnshareAsync(team.Workspace, otherAdmin.Uuid)).StatusCode);

        var members = (await app.WorkspaceRowAsync(team.Workspace)).Members;
        Assert.Equal(new[] { team.Owner.Uuid, team.Admin.Uuid }.Order(), members.Keys.Order());
    }

    [Fact]
    public async Task Members_and_viewers_cannot_remove_others()
    {
        var team = await app.TeamAsync();

        await (await team.Member.UnshareAsync(team.Workspace, team.Viewer.Uuid)).Problem(HttpStatusCode.Forbidden);
        await (await team.Member.UnshareAsync(team.Workspace, team.Admin.Uuid)).Problem(HttpStatusCode.Forbidden);
        await (await team.Viewer.UnshareAsync(team.Workspace, team.Member.Uuid)).Problem(HttpStatusCode.Forbidden);

        Assert.Equal(4, (await app.WorkspaceRowAsync(team.Workspace)).Members.Count);
    }

    [Fact]
    public async Task Removing_an_unknown_member_is_a_404()
    {
        var owner = await app.NewUserAsync();
        var stranger = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync();

        await (await owner.UnshareAsync(workspace, Guid.NewGuid())).Problem(HttpStatusCode.NotFound);
        await (await owner.UnshareAsync(workspace, stranger.Uuid)).Problem(HttpStatusCode.NotFound);
        await (await owner.Client().DeleteAsync($"/api/workspace/{workspace}/unshare/not-a-uuid")).Problem(HttpStatusCode.NotFound);

        Assert.Single((await app.WorkspaceRowAsync(workspace)).Members);
    }

    // ---------------------------------------------------------------- change role

    [Fact]
    public async Task Owner_makes_a_member_a_viewer_who_can_then_read_but_not_write()
    {
        var owner = await app.NewUserAsync();
        var member = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync("Read only");
        await owner.ShareAsync(workspace, member);
        // Cache the membership as "member" first: the change must still apply at once.
        Assert.Equal(HttpStatusCode.OK, (await member.Client(workspace).GetAsync("/api/workspace/current")).StatusCode);

        var response = await owner.ChangeRoleAsync(workspace, member.Uuid, "viewer");
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(member.Uuid.ToString(), (string)body["uuid"]!);
        Assert.Equal("viewer", (string)body["role"]!);
        Assert.Equal(WorkspaceRole.Viewer, (await app.WorkspaceRowAsync(workspace)).Members[member.Uuid]);
        // The per-request check sees the new role at once, so workspace-scoped writes are refused from now on.
        Assert.Equal(WorkspaceRole.Viewer, (await app.CachedMembershipAsync(workspace, member))?.Role);

        await (await member.UpdateAsync(workspace, new { name = "Mine now" })).Problem(HttpStatusCode.Forbidden);
        await (await member.ShareRequestAsync(workspace, new { user_to_share = owner.Email })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("viewer", (string)(await member.DocumentAsync(workspace))["workspace"]!["role"]!);
        var current = await member.Client(workspace).GetAsync("/api/workspace/current");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("viewer", (string)(await current.Json())["workspace"]!["role"]!);
        Assert.Equal(HttpStatusCode.OK, (await member.Session(await member.SessionTokenAsync(workspace)).GetAsync("/api/workspace/current")).StatusCode);
        Assert.Equal("viewer", (string)(await member.ListAsync()).Single()!["role"]!);
        Assert.Equal("Read only", (await app.WorkspaceRowAsync(workspace)).Name);
    }

    [Fact]
    public async Task A_member_promoted_to_admin_can_update_and_share()
    {
        var team = await app.TeamAsync();
        var newcomer = await app.NewUserAsync();

        var response = await team.Owner.ChangeRoleAsync(team.Workspace, team.Member.Uuid, "admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await team.Member.UpdateAsync(team.Workspace, new { name = "Promoted" })).StatusCode);
        await team.Member.ShareAsync(team.Workspace, newcomer, "viewer");
        Assert.Equal("Promoted", (await app.WorkspaceRowAsync(team.Workspace)).Name);
    }

    [Fact]
    public async Task Only_the_owner_can_change_roles()
    {
        var team = await app.TeamAsync();

        await (await team.Admin.ChangeRoleAsync(team.Workspace, team.Member.Uuid, "viewer")).Problem(HttpStatusCode.Forbidden);
        await (await team.Admin.ChangeRoleAsync(team.Workspace, team.Admin.Uuid, "admin")).Problem(HttpStatusCode.Forbidden);
        await (await team.Member.ChangeRoleAsync(team.Workspace, team.Member.Uuid, "admin")).Problem(HttpStatusCode.Forbidden);
        await (await team.Viewer.ChangeRoleAsync(team.Workspace, team.Viewer.Uuid, "member")).Problem(HttpStatusCode.Forbidden);

        var members = (await app.WorkspaceRowAsync(team.Workspace)).Members;
        Assert.Equal(WorkspaceRole.Admin, members[team.Admin.Uuid]);
        Assert.Equal(WorkspaceRole.Member, members[team.Member.Uuid]);
        Assert.Equal(WorkspaceRole.Viewer, members[team.Viewer.Uuid]);
    }

    [Fact]
    public async Task The_owner_role_can_be_neither_changed_nor_granted()
    {
        var team = await app.TeamAsync();

        await (await team.Owner.ChangeRoleAsync(team.Workspace, team.Owner.Uuid, "admin")).Problem(HttpStatusCode.Forbidden);
        Assert.NotNull((await (await team.Owner.ChangeRoleAsync(team.Workspace, team.Member.Uuid, "owner")).Problem(HttpStatusCode.BadRequest))["errors"]!["role"]);
        Assert.NotNull((await (await team.Owner.ChangeRoleAsync(team.Workspace, team.Member.Uuid, "boss")).Problem(HttpStatusCode.BadRequest))["errors"]!["role"]);
        var missing = await team.Owner.Client().PutAsJsonAsync($"/api/workspace/{team.Workspace}/members/{team.Member.Uuid}", new { });
        Assert.NotNull((await missing.Problem(HttpStatusCode.BadRequest))["errors"]!["role"]);

        var members = (await app.WorkspaceRowAsync(team.Workspace)).Members;
        Assert.Equal(WorkspaceRole.Owner, members[team.Owner.Uuid]);
        Assert.Equal(WorkspaceRole.Member, members[team.Member.Uuid]);
        Assert.Single(members, m => m.Value == WorkspaceRole.Owner);
    }

    [Fact]
    public async Task Changing_the_role_of_an_unknown_member_is_a_404()
    {
        var owner = await app.NewUserAsync();
        var stranger = await app.NewUserAsync();
        var workspace = await owner.CreateWorkspaceAsync();

        await (await owner.ChangeRoleAsync(workspace, stranger.Uuid, "viewer")).Problem(HttpStatusCode.NotFound);
        await (await owner.ChangeRoleAsync(workspace, Guid.NewGuid(), "viewer")).Problem(HttpStatusCode.NotFound);
        await (await owner.Client().PutAsJsonAsync($"/api/workspace/{workspace}/members/not-a-uuid", new { role = "viewer" })).Problem(HttpStatusCode.NotFound);

        Assert.Empty(await stranger.ListAsync());
    }

    // ---------------------------------------------------------------- finalize sign-up

    [Fact]
    public async Task Finalize_sign_up_creates_the_first_workspace_and_a_session_in_it()
    {
        var user = await app.NewUserAsync("Fiona");

        var response = await user.Client().PostAsJsonAsync($"/api/auth/{user.Uuid}/finalize/sign-up",
            new { workspace = new { name = "First home", currency = "USD", payment_type = 4 }, wallet = new { balance = 10m } });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());

        var token = (string)body["token"]!;
        Assert.Equal(token, response.Headers.GetValues(SessionTokens.HeaderName).Single());
        Assert.True(DateTimeOffset.Parse((string)body["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        var info = body["userInfo"]!;
        Assert.Equal(user.Uuid.ToString(), (string)info["uuid"]!);
        var workspace = Guid.Parse((string)Assert.Single(info["workspaces"]!.AsArray())!["uuid"]!);
        Assert.Equal(workspace.ToString(), (string)info["current_ws"]!);
        Assert.Equal("USD", (string)info["workspace_settings"]!["data"]!["currency"]!["label"]!);
        Assert.Equal(4, (int)info["workspace_settings"]!["data"]!["payment_type_id"]!);
        Assert.Equal(workspace.ToString(), (string)Jwt.Claims(token)["ws"]!);
        Assert.Equal(user.Uuid.ToString(), (string)Jwt.Claims(token)["sub"]!);

        var current = await user.Session(token).GetAsync("/api/workspace/current");
        var document = await current.Json();
        Assert.True(current.StatusCode == HttpStatusCode.OK, document.ToJsonString());
        Assert.Equal("First home", (string)document["workspace"]!["name"]!);
        Assert.Equal("owner", (string)document["workspace"]!["role"]!);
        Assert.Equal(workspace, await user.LastAsync());
        Assert.Equal(1000, Assert.Single(await app.WalletsAsync(workspace)).OpeningBalance);
    }

    [Fact]
    public async Task Finalize_sign_up_for_another_users_uuid_is_a_404_and_creates_nothing()
    {
        var user = await app.NewUserAsync();
        var victim = await app.NewUserAsync();

        var response = await user.Client().PostAsJsonAsync($"/api/auth/{victim.Uuid}/finalize/sign-up", new { workspace = new { name = "Planted" } });
        await response.Problem(HttpStatusCode.NotFound);
        Assert.False(response.Headers.Contains(SessionTokens.HeaderName));
        await (await user.Client().PostAsJsonAsync("/api/auth/not-a-uuid/finalize/sign-up", new { workspace = new { name = "Planted" } })).Problem(HttpStatusCode.NotFound);

        Assert.Equal((0, 0), await app.FootprintAsync(victim));
        Assert.Equal((0, 0), await app.FootprintAsync(user));
    }

    [Fact]
    public async Task Finalize_sign_up_validates_like_create()
    {
        var user = await app.NewUserAsync();

        var missing = await user.Client().PostAsJsonAsync($"/api/auth/{user.Uuid}/finalize/sign-up", new { });
        Assert.NotNull((await missing.Problem(HttpStatusCode.BadRequest))["errors"]!["workspace"]);
        var badCurrency = await user.Client().PostAsJsonAsync($"/api/auth/{user.Uuid}/finalize/sign-up", new { workspace = new { name = "X", currency = "???" } });
        Assert.NotNull((await badCurrency.Problem(HttpStatusCode.BadRequest))["errors"]!["workspace.currency"]);
        Assert.False(badCurrency.Headers.Contains(SessionTokens.HeaderName));

        Assert.Equal((0, 0), await app.FootprintAsync(user));
    }

    // ---------------------------------------------------------------- concurrency

    [Fact]
    public async Task Concurrent_shares_of_the_same_user_give_one_201_and_one_409()
    {
        var team = await app.TeamAsync();
        var invitees = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            invitees.Add(await app.NewUserAsync());
        }

        var attempts = invitees.SelectMany(invitee => new[] { team.Owner, team.Admin }.Select(async sharer =>
            (invitee, response: await sharer.ShareRequestAsync(team.Workspace, new { user_to_share = invitee.Uuid.ToString() }))));
        var results = await Task.WhenAll(attempts);

        foreach (var group in results.GroupBy(r => r.invitee))
        {
            var statuses = group.Select(r => r.response.StatusCode).Order().ToList();
            Assert.Equal(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }, statuses);
            await group.Single(r => r.response.StatusCode == HttpStatusCode.Conflict).response.Problem(HttpStatusCode.Conflict);
        }
        var members = (await app.WorkspaceRowAsync(team.Workspace)).Members;
        Assert.Equal(7, members.Count);
        Assert.All(invitees, i => Assert.Equal(WorkspaceRole.Member, members[i.Uuid]));
    }

    [Fact]
    public async Task Parallel_creates_by_one_user_all_succeed_with_one_owner_and_one_wallet_each()
    {
        const int Count = 8;
        var user = await app.NewUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
            user.Client().PostAsJsonAsync("/api/workspace/create", new { workspace = new { name = $"Parallel {i}" }, wallet = new { balance = i } })));

        var created = new List<Guid>();
        foreach (var response in responses)
        {
            var body = await response.Json();
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
            created.Add(Guid.Parse((string)body["workspace"]!["uuid"]!));
        }
        Assert.Equal(Count, created.Distinct().Count());
        foreach (var workspace in created)
        {
            var members = (await app.WorkspaceRowAsync(workspace)).Members;
            Assert.Equal(WorkspaceRole.Owner, Assert.Single(members, m => m.Key == user.Uuid).Value);
            Assert.Single(members);
            Assert.Single(await app.WalletsAsync(workspace));
        }
        Assert.Equal((Count, Count), await app.FootprintAsync(user));
        var list = await user.ListAsync();
        Assert.Equal(Count, list.Count);
        Assert.Single(list, w => (bool)w!["current"]!);
    }

    private static Task<HttpResponseMessage> UpdateIfMatchAsync(TestUser user, Guid workspace, string ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/workspace/update/{workspace}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(ifMatch == "*" ? EntityTagHeaderValue.Any : EntityTagHeaderValue.Parse(ifMatch));
        return user.Client().SendAsync(request);
    }

    [Theory]
    [InlineData("{\"workspace\": {\"name\": \"Home\", \"currency\": \"\\ud800\"}}")]
    [InlineData("{\"workspace\": {\"name\": \"Ho\\u0000me\"}}")]
    [InlineData("{\"workspace\": {\"name\": \"Home\", \"description\": \"a\\u0000b\"}}")]
    public async Task Creating_a_workspace_with_a_lone_surrogate_or_a_NUL_is_a_400_and_creates_nothing(string json)
    {
        // Was a 500 on both databases (a lone surrogate read from the currency's JsonElement) or on PostgreSQL (a NUL in text).
        var user = await app.NewUserAsync();
        var response = await user.Client().PostAsync("/api/workspace/create", new StringContent(json, Encoding.UTF8, "application/json"));
        await response.Problem(HttpStatusCode.BadRequest);
        Assert.Equal((0, 0), await app.FootprintAsync(user));
    }
}

public sealed class SqliteWorkspaceTests(SqliteApp app) : WorkspaceTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresWorkspaceTests(PostgresApp app) : WorkspaceTests(app), IClassFixture<PostgresApp>;

/// <summary>A workspace with one user of each role.</summary>
internal sealed record Team(Guid Workspace, TestUser Owner, TestUser Admin, TestUser Member, TestUser Viewer);

/// <summary>A workspace row as the database holds it, read past every query filter.</summary>
internal sealed record WorkspaceRow(
    int Id, string Name, string? Description, int Version, DateTime UpdatedAt, DateTime? DeletedAt,
    int CurrencyId, int PaymentTypeId, string TimeZone, string Locale, Dictionary<Guid, WorkspaceRole> Members);

/// <summary>The steps the workspace and tenancy tests share: sharing, session tokens, database and mail checks.</summary>
internal static class WorkspaceSteps
{
    public static async Task<T> DbAsync<T>(this BudgetApp app, Func<BudgetDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BudgetDbContext>());
    }

    public static Task<WorkspaceRow> WorkspaceRowAsync(this BudgetApp app, Guid workspace) => app.DbAsync(async db =>
    {
        var row = await db.Workspaces.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.Uuid == workspace)
            .Select(w => new
            {
                w.Id, w.Name, w.Description, w.Version, w.UpdatedAt, w.DeletedAt,
                w.Settings!.CurrencyId, w.Settings.PaymentTypeId, w.Settings.TimeZone, w.Settings.Locale,
            })
            .SingleAsync();
        var members = await db.WorkspaceMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.WorkspaceId == row.Id)
            .Select(m => new { m.User!.Uuid, m.Role })
            .ToListAsync();
        return new WorkspaceRow(row.Id, row.Name, row.Description, row.Version, row.UpdatedAt, row.DeletedAt,
            row.CurrencyId, row.PaymentTypeId, row.TimeZone, row.Locale, members.ToDictionary(m => m.Uuid, m => m.Role));
    });

    public static Task<List<Wallet>> WalletsAsync(this BudgetApp app, Guid workspace) => app.DbAsync(db =>
        db.Wallets.IgnoreQueryFilters().AsNoTracking()
            .Where(w => db.Workspaces.IgnoreQueryFilters().Where(x => x.Uuid == workspace).Select(x => x.Id).Contains(w.WorkspaceId))
            .ToListAsync());

    /// <summary>Everything a workspace create writes for a user: workspaces they own and memberships they hold.</summary>
    public static Task<(int Owned, int Memberships)> FootprintAsync(this BudgetApp app, TestUser user) => app.DbAsync(async db =>
        (await db.Workspaces.IgnoreQueryFilters().CountAsync(w => w.Owner!.Uuid == user.Uuid),
         await db.WorkspaceMembers.IgnoreQueryFilters().CountAsync(m => m.User!.Uuid == user.Uuid)));

    /// <summary>
    /// The membership as the per-request tenancy check sees it (briefly cached). The module's own handlers
    /// check membership again in the database, so only this shows whether a write invalidated the cache.
    /// </summary>
    public static Task<Membership?> CachedMembershipAsync(this BudgetApp app, Guid workspace, TestUser user) =>
        app.Service<MembershipCache>().GetMembershipAsync(workspace, user.Uuid, CancellationToken.None);

    /// <summary>A workspace owned by a new user, shared with an admin, a member and a viewer.</summary>
    public static async Task<Team> TeamAsync(this BudgetApp app, string name = "Team")
    {
        var owner = await app.NewUserAsync("Olivia Owner");
        var admin = await app.NewUserAsync("Adam Admin");
        var member = await app.NewUserAsync("Mia Member");
        var viewer = await app.NewUserAsync("Victor Viewer");
        var workspace = await owner.CreateWorkspaceAsync(name);
        await owner.ShareAsync(workspace, admin, "admin");
        await owner.ShareAsync(workspace, member, "member");
        await owner.ShareAsync(workspace, viewer, "viewer");
        return new Team(workspace, owner, admin, member, viewer);
    }

    public static async Task ShareAsync(this TestUser sharer, Guid workspace, TestUser invitee, string role = "member")
    {
        var response = await sharer.Client().PostAsJsonAsync($"/api/workspace/{workspace}/share", new { user_to_share = invitee.Email, role });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal(role, (string)body["user"]!["role"]!);
    }

    public static Task<HttpResponseMessage> ShareRequestAsync(this TestUser sharer, Guid workspace, object body) =>
        sharer.Client().PostAsJsonAsync($"/api/workspace/{workspace}/share", body);

    public static Task<HttpResponseMessage> UnshareAsync(this TestUser caller, Guid workspace, Guid member) =>
        caller.Client().DeleteAsync($"/api/workspace/{workspace}/unshare/{member}");

    public static Task<HttpResponseMessage> ChangeRoleAsync(this TestUser caller, Guid workspace, Guid member, string role) =>
        caller.Client().PutAsJsonAsync($"/api/workspace/{workspace}/members/{member}", new { role });

    public static Task<HttpResponseMessage> UpdateAsync(this TestUser caller, Guid workspace, object body) =>
        caller.Client().PutAsJsonAsync($"/api/workspace/update/{workspace}", body);

    public static Task<HttpResponseMessage> GetAsync(this TestUser caller, Guid workspace) =>
        caller.Client().GetAsync($"/api/workspace/{workspace}");

    public static async Task<JsonNode> DocumentAsync(this TestUser caller, Guid workspace)
    {
        var response = await caller.GetAsync(workspace);
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    public static async Task<JsonArray> ListAsync(this TestUser caller, string path = "/api/workspace/list")
    {
        var response = await caller.Client().GetAsync(path);
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body.AsArray();
    }

    public static async Task<List<Guid>> ListUuidsAsync(this TestUser caller, string path = "/api/workspace/list") =>
        [.. (await caller.ListAsync(path)).Select(w => Guid.Parse((string)w!["uuid"]!))];

    /// <summary>The uuid of <c>GET /api/workspace/last</c>, or null when it answers 404.</summary>
    public static async Task<Guid?> LastAsync(this TestUser caller)
    {
        var response = await caller.Client().GetAsync("/api/workspace/last");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            await response.Problem(HttpStatusCode.NotFound);
            return null;
        }
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.True((bool)body["workspace"]!["current"]!);
        return Guid.Parse((string)body["workspace"]!["uuid"]!);
    }

    /// <summary>The <c>X-BC-Token</c> that <c>/api/auth/user-info</c> mints for the workspace.</summary>
    public static async Task<string> SessionTokenAsync(this TestUser user, Guid workspace)
    {
        var response = await user.Client(workspace).GetAsync("/api/auth/user-info");
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var token = response.Headers.GetValues(SessionTokens.HeaderName).Single();
        Assert.Equal(token, (string)body["token"]!);
        return token;
    }

    /// <summary>A client with the Bearer token and the given <c>X-BC-Token</c> (and no <c>X-WS</c>).</summary>
    public static HttpClient Session(this TestUser user, string sessionToken)
    {
        var client = user.Client();
        client.DefaultRequestHeaders.Add(SessionTokens.HeaderName, sessionToken);
        return client;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }

    /// <summary>The "workspace shared" mail sent to <paramref name="email"/> about <paramref name="workspaceName"/>, or null.</summary>
    public static async Task<string?> ShareMailAsync(this BudgetApp app, string email, string workspaceName)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            if (Directory.Exists(app.MailDirectory))
            {
                foreach (var file in Directory.GetFiles(app.MailDirectory, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains(email, StringComparison.OrdinalIgnoreCase)
                        && text.Contains("shared the workspace", StringComparison.Ordinal)
                        && text.Contains(workspaceName, StringComparison.Ordinal))
                    {
                        return text;
                    }
                }
            }
            await Task.Delay(100);
        }
        return null;
    }

    /// <summary>Asserts a 404 problem that gives nothing of the workspace away.</summary>
    public static async Task AssertHiddenAsync(this HttpResponseMessage response, string what, params string[] secrets)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: expected 404, got {(int)response.StatusCode}: {text}");
        var problem = await response.Problem(HttpStatusCode.NotFound);
        Assert.Null(problem["workspace"]);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.False(response.Headers.Contains(SessionTokens.HeaderName), $"{what}: a session token was minted");
    }
}
