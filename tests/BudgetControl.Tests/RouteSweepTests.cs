using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BudgetControl.Tests;

/// <summary>
/// A sweep over every mapped route, read from the app's route table (<see cref="EndpointDataSource"/>): a foreign id or
/// workspace answers 404 or 403 with nothing of the victim's and changes nothing; bad input answers a 4xx problem, never
/// a 500, and a rejected write changes nothing. A route that is neither swept nor excluded here with a reason fails
/// <see cref="Every_mapped_route_is_swept_or_excluded_with_a_reason"/>, so a new endpoint cannot skip the sweep.
/// </summary>
public abstract partial class RouteSweepTests(BudgetApp app, ITestOutputHelper output)
{
    /// <summary>Routes with no foreign-id sweep, each with the reason.</summary>
    private static readonly Dictionary<string, string> NotForeignSwept = new()
    {
        // Anonymous: no caller, no workspace, nothing of anyone's addressed by id (AuthenticationTests cover them).
        ["POST /api/auth/sign-up"] = "anonymous account creation",
        ["POST /api/auth/authenticate"] = "anonymous sign-in",
        ["POST /api/auth/refresh"] = "anonymous; the refresh token is the credential",
        ["POST /api/auth/verify-email"] = "anonymous; same answer for every address",
        ["POST /api/auth/reset-password"] = "anonymous; same answer for every address",
        ["GET /api/auth/confirm/{token}"] = "anonymous; the token is a one-time credential, not a tenant id",
        ["PUT /api/auth/reset-password/{token}"] = "anonymous; the token is a one-time credential, not a tenant id",
        ["POST /connect/token"] = "OAuth token endpoint (form body, anonymous)",
        ["ANY /health"] = "health probe",
        ["ANY /alive"] = "liveness probe",
        ["GET /openapi/{documentName}.json"] = "public OpenAPI document",
        ["GET /api-docs/{documentName?}"] = "the API reference page (static)",
        ["GET /api-docs/favicon.svg"] = "the API reference page (static)",
        ["GET /api-docs/scalar.js"] = "the API reference page (static)",
        ["GET /api-docs/scalar.aspnetcore.js"] = "the API reference page (static)",
        // The caller's own account: no id in the path and no workspace (ProfileTests, AuthenticationTests).
        ["GET /api/auth/check"] = "the caller's own token",
        ["GET /api/auth/logout"] = "ends the caller's own session (would end the sweep's too)",
        ["POST /api/auth/logout"] = "ends the caller's own session (would end the sweep's too)",
        ["GET /api/auth/profile"] = "the caller's own account",
        ["PUT /api/auth/profile"] = "the caller's own account",
        ["PUT /api/auth/password"] = "the caller's own account",
        ["GET /api/auth/2fa/"] = "the caller's own account",
        ["POST /api/auth/2fa/setup"] = "the caller's own account",
        ["POST /api/auth/2fa/enable"] = "the caller's own account",
        ["POST /api/auth/2fa/disable"] = "the caller's own account",
        ["GET /api/workspace/list"] = "the caller's own memberships",
        ["GET /api/workspace/by-user/list"] = "the caller's own workspaces",
        ["GET /api/workspace/last"] = "the caller's own last workspace",
        ["POST /api/workspace/create"] = "creates a workspace of the caller's own",
        // Reference data: the same static lists for every user.
        ["GET /api/payment-types"] = "static reference data",
        ["GET /api/currencies"] = "static reference data",
        ["GET /api/categories"] = "static reference data",
        ["GET /api/categories-subcategories"] = "static reference data",
    };

    /// <summary>Routes that read the victim's workspace from <c>X-WS</c> without requiring one (swept with it).</summary>
    private static readonly HashSet<string> OptionalWorkspace = ["GET /api/auth/user-info"];

    /// <summary>Routes with no bad-input sweep, each with the reason.</summary>
    private static readonly Dictionary<string, string> NotBadInputSwept = new()
    {
        ["GET /api/auth/logout"] = "ends the sweep's own session",
        ["POST /api/auth/logout"] = "ends the sweep's own session",
        ["POST /connect/token"] = "form-encoded OAuth endpoint (AuthenticationTests send it bad grants)",
        ["GET /api/auth/confirm/{token}"] = "confirms the account of a token; a bad token is AuthenticationTests'",
        ["ANY /health"] = "no parameters, no body",
        ["ANY /alive"] = "no parameters, no body",
        ["GET /openapi/{documentName}.json"] = "public document; its name is not an id",
        ["GET /api-docs/{documentName?}"] = "the API reference page (static)",
        ["GET /api-docs/favicon.svg"] = "static file",
        ["GET /api-docs/scalar.js"] = "static file",
        ["GET /api-docs/scalar.aspnetcore.js"] = "static file",
    };

    /// <summary>Writes that take no body (all other POST, PUT and PATCH routes need one in <see cref="Body"/>).</summary>
    private static readonly HashSet<string> NoBody =
    [
        "POST /api/auth/logout", "POST /api/auth/2fa/setup", "PATCH /api/wallet/archive/{uuid}", "PATCH /api/wallet/restore/{uuid}",
        "PATCH /api/workspace/activate/{id}", "PATCH /api/entry/{uuid}/restore",
    ];

    [Fact]
    public void Every_mapped_route_is_swept_or_excluded_with_a_reason()
    {
        var routes = Routes();
        Assert.True(routes.Count > 100, $"only {routes.Count} routes found");
        var dummy = World.Dummy();
        var problems = new List<string>();
        foreach (var route in routes)
        {
            if (!NotForeignSwept.ContainsKey(route.Key) && !IsForeignSwept(route, dummy))
            {
                problems.Add($"{route.Key}: no foreign sweep (an id parameter without victim values, or no workspace); map its ids in VictimValues or exclude it in NotForeignSwept with the reason");
            }
            if (route.Method is "POST" or "PUT" or "PATCH" && !NoBody.Contains(route.Key) && route.Key != "POST /connect/token" && Body(route.Key, dummy) is null)
            {
                problems.Add($"{route.Key}: a write without a plausible body in Body()");
            }
        }
        var keys = routes.Select(r => r.Key).ToHashSet();
        problems.AddRange(NotForeignSwept.Keys.Concat(NotBadInputSwept.Keys).Concat(NoBody).Concat(OptionalWorkspace)
            .Where(k => !keys.Contains(k)).Distinct().Select(k => $"{k}: listed in the sweep's tables but not mapped"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task A_foreign_id_or_workspace_is_a_404_or_403_on_every_route_with_nothing_of_the_victims_and_changes_nothing()
    {
        var victim = await World.BuildAsync(app, "Vera Victim");
        var attacker = await World.BuildAsync(app, "Mallory Attacker");
        victim.Other = attacker;
        var secrets = victim.Secrets;
        var failures = new List<string>();
        var swept = 0;
        var before = await FingerprintAsync();
        foreach (var route in Routes().Where(r => !NotForeignSwept.ContainsKey(r.Key)))
        {
            var body = Body(route.Key, attacker);
            // The victim's ids in the path, the attacker's own workspace selected.
            if (route.Parameters.Any(p => p != "currency"))
            {
                foreach (var path in Paths(route, victim, own: false))
                {
                    var response = await Send(attacker.User.Client(attacker.Workspace), route.Method, path, body);
                    await ExpectHiddenAsync(response, $"{route.Method} {path} (victim's id)", secrets, failures);
                    swept++;
                }
            }
            // The victim's workspace named in X-WS (with the victim's ids, or the attacker's own where it has none).
            if (route.Workspace || OptionalWorkspace.Contains(route.Key))
            {
                var path = Paths(route, victim, own: false).First();
                var response = await Send(attacker.User.Client(victim.Workspace), route.Method, path, body);
                await ExpectHiddenAsync(response, $"{route.Method} {path} (victim's X-WS)", secrets, failures);
                swept++;
            }
            var after = await FingerprintAsync();
            if (Difference(before, after) is { } changed)
            {
                failures.Add($"{route.Key}: the database changed: {changed}");
                before = after;
            }
        }
        // Ids of the victim named in the bodies of the attacker's own writes and reads.
        foreach (var (method, path, body) in ForeignReferences(attacker, victim))
        {
            var response = await Send(attacker.User.Client(attacker.Workspace), method, path, body);
            // A read may answer the attacker's own (empty) figures; a write must be refused, as a bad field or a missing row.
            int[] allowed = method == "GET" || path is "/api/find" or "/api/stats/entries" ? [200, 400, 403, 404] : [400, 403, 404];
            await ExpectHiddenAsync(response, $"{method} {path} with a victim's id in the body", secrets, failures, allowed);
            swept++;
            var after = await FingerprintAsync();
            if (Difference(before, after) is { } changed)
            {
                failures.Add($"{method} {path} with a victim's id in the body: the database changed: {changed}");
                before = after;
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {swept} calls failed:\n" + string.Join('\n', failures));
        // The victim still sees all of it.
        foreach (var (path, secret) in victim.Readable)
        {
            var response = await victim.User.Client(victim.Workspace).GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && text.Contains(secret, StringComparison.Ordinal), $"{path}: {(int)response.StatusCode} {text}");
        }
    }

    [Fact]
    public async Task Bad_input_on_every_route_is_a_4xx_problem_never_a_500_and_a_rejected_write_changes_nothing()
    {
        var own = await World.BuildAsync(app, "Tess Tester");
        var client = own.User.Client(own.Workspace);
        var failures = new List<string>();
        var sent = 0;
        var statuses = new SortedDictionary<int, int>();
        var baseline = await FingerprintAsync();

        async Task TryAsync(string method, string path, string? json, string what, (string Name, string Value)? header = null)
        {
            HttpResponseMessage response;
            try
            {
                response = await SendRaw(client, method, path, json, header);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                // The in-memory server rethrows what escaped the whole pipeline: a bare 500 in production.
                failures.Add($"{what}: {method} {path}: escaped the pipeline (a bare 500): {ex.GetType().Name}: {ex.Message}");
                sent++;
                baseline = await FingerprintAsync();
                return;
            }
            sent++;
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            if (status < 300)
            {
                output.WriteLine($"accepted ({status}): {what}: {method} {path}");
            }
            if (status >= 500)
            {
                failures.Add($"{what}: {method} {path}: {status} {Short(text)}");
            }
            else if (status >= 400 && !IsProblem(response, text, status))
            {
                failures.Add($"{what}: {method} {path}: {status} is not problem details: {response.Content.Headers.ContentType} {Short(text)}");
            }
            if (method == "GET")
            {
                return; // reads are compared once per route, below
            }
            var now = await FingerprintAsync();
            if (status >= 400 && Difference(baseline, now) is { } changed)
            {
                failures.Add($"{what}: {method} {path}: rejected with {status} but the database changed: {changed}");
            }
            baseline = now;
        }

        foreach (var route in Routes().Where(r => !NotBadInputSwept.ContainsKey(r.Key)))
        {
            var path = Paths(route, own, own: true).First();
            var valid = Body(route.Key, own);
            var validJson = valid is null ? null : JsonSerializerJson(valid);
            // A malformed id in every path parameter.
            foreach (var parameter in route.Parameters)
            {
                await TryAsync(route.Method, Fill(route.Pattern, p => p == parameter ? "not-a-uuid" : ValueFor(route, p, own, own: true)), validJson, $"malformed {parameter}");
            }
            if (route.Method == "GET")
            {
                foreach (var query in BadQueries)
                {
                    await TryAsync("GET", $"{path}?{query}", null, query.Length > 80 ? query[..80] + "..." : query);
                }
                var afterReads = await FingerprintAsync();
                if (Difference(baseline, afterReads) is { } changedByReads)
                {
                    failures.Add($"{route.Key}: reads changed the database: {changedByReads}");
                }
                baseline = afterReads;
                continue;
            }
            if (route.Method == "DELETE")
            {
                continue;
            }
            // Bad headers on a valid write: a malformed If-Match, an overlong Idempotency-Key, an X-WS that is no uuid.
            foreach (var header in BadHeaders)
            {
                await TryAsync(route.Method, path, validJson, $"header {header.Name}: {header.Value[..Math.Min(20, header.Value.Length)]}", header);
            }
            if (validJson is null || route.Method == "DELETE")
            {
                continue;
            }
            foreach (var (what, json) in BadBodies(validJson))
            {
                await TryAsync(route.Method, path, json, what);
            }
            if (route.Key == "POST /api/find/")
            {
                foreach (var query in new[] { "page=-1", "per_page=abc", "per_page=100000", "cursor=garbage" })
                {
                    await TryAsync("POST", $"{path}?{query}", validJson, query);
                }
            }
        }
        output.WriteLine($"{sent} calls: " + string.Join(", ", statuses.Select(s => $"{s.Key} x{s.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} calls failed:\n" + string.Join('\n', failures));
    }

    // ---- the route table ----

    private sealed record Route(string Method, string Pattern, IReadOnlyList<string> Parameters, bool Workspace)
    {
        public string Key => $"{Method} {Pattern}";
    }

    /// <summary>
    /// Routes answered by middleware before routing (the original clients' JSON sign-in and refresh, in front of OpenIddict's
    /// token endpoint): not in the route table, so listed here to be swept too.
    /// </summary>
    private static readonly Route[] MiddlewareRoutes =
    [
        new("POST", "/api/auth/authenticate", [], Workspace: false),
        new("POST", "/api/auth/refresh", [], Workspace: false),
    ];

    private const string WebAppFallback = "{*path:nonfile}";

    private List<Route> Routes() =>
    [
        .. MiddlewareRoutes,
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The web app's fallback (index.html for deep links) is mapped only when the app is built (web/dist): no data,
            // no id, no body; WebAppServingTests cover it.
            .Where(e => e.RoutePattern.RawText != WebAppFallback)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(method => new Route(
                method,
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                [.. e.RoutePattern.Parameters.Select(p => p.Name)],
                e.Metadata.GetMetadata<Tenancy.ScopeRequirement>()?.Workspace == true)))
            .DistinctBy(r => r.Key)
            .OrderBy(r => r.Key, StringComparer.Ordinal),
    ];

    private static bool IsForeignSwept(Route route, World world)
    {
        if (route.Parameters.Any(p => VictimValues(route, p, world, own: false) is null))
        {
            return false;
        }
        // "currency" is no tenant's id (a rate of the caller's own workspace): such a route is swept through X-WS only.
        return route.Parameters.Any(p => p != "currency") || route.Workspace || OptionalWorkspace.Contains(route.Key);
    }

    /// <summary>The values of one path parameter: the victim's resources of the kind the route addresses, or null when unknown.</summary>
    private static IReadOnlyList<string>? VictimValues(Route route, string parameter, World w, bool own)
    {
        var p = route.Pattern;
        return parameter switch
        {
            "id" or "wsId" when p.StartsWith("/api/workspace/", StringComparison.Ordinal) =>
                // Another member's removal is also tried from the attacker's own workspace (the victim is no member there).
                own || !p.Contains("{userUuid}", StringComparison.Ordinal) ? [S(w.Workspace)] : [S(w.Workspace), S(w.Other!.Workspace)],
            "userUuid" => own ? [S(w.User.Uuid)] : [S(w.User.Uuid), S(w.Member!.Uuid)],
            "email" => [w.User.Email],
            "goalUuid" => [S(w.Goal)],
            "currency" => ["USD"],
            "uuid" => UuidsFor(p, w),
            _ => null,
        };
    }

    private static IReadOnlyList<string>? UuidsFor(string pattern, World w)
    {
        (string Prefix, Guid[] Ids)[] kinds =
        [
            ("/api/wallet/", [w.Wallet]),
            ("/api/entry/transfer/", [w.TransferOut, w.TransferIn]),
            ("/api/entry/expense/", [w.Expense]),
            ("/api/entry/income/", [w.Income]),
            ("/api/entry/debit/", [w.Debit]),
            ("/api/entry/saving/", [w.Saving]),
            ("/api/entry/model/", [w.Model]),
            ("/api/entry/planned/", [w.Plan]),
            ("/api/entry/", [w.Expense, w.Income, w.Debit, w.Saving, w.TransferOut, w.TransferIn, w.Future, w.Deleted]),
            ("/api/label/", [w.Label]),
            ("/api/payees/", [w.Payee]),
            ("/api/debt/", [w.Payee]),
            ("/api/goals/", [w.Goal]),
            ("/api/savings/", [w.Saving]),
            ("/api/budget/", [w.Budget]),
        ];
        var match = kinds.FirstOrDefault(k => pattern.StartsWith(k.Prefix, StringComparison.Ordinal));
        return match.Ids is null ? null : [.. match.Ids.Select(S)];
    }

    private static string ValueFor(Route route, string parameter, World w, bool own) =>
        VictimValues(route, parameter, w, own) is { Count: > 0 } values ? values[0] : "x";

    /// <summary>Every combination of the parameters' values, filled into the pattern.</summary>
    private static IEnumerable<string> Paths(Route route, World w, bool own)
    {
        IEnumerable<Dictionary<string, string>> combinations = [[]];
        foreach (var parameter in route.Parameters)
        {
            var values = VictimValues(route, parameter, w, own) ?? ["x"];
            combinations = combinations.SelectMany(c => values.Select(v => new Dictionary<string, string>(c) { [parameter] = v })).ToList();
        }
        return combinations.Select(c => Fill(route.Pattern, p => c[p]));
    }

    private static string Fill(string pattern, Func<string, string> value) =>
        ParameterPattern().Replace(pattern, m => Uri.EscapeDataString(value(m.Groups[1].Value)));

    [GeneratedRegex(@"\{\*?([^}:?=]+)[^}]*\}")]
    private static partial Regex ParameterPattern();

    private static string S(Guid id) => id.ToString();

    // ---- bodies ----

    private static string PastDate => DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string FutureDate => DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Fresh(string what) => $"{what} {Guid.NewGuid():N}"[..24];

    /// <summary>A plausible valid body for a write, with <paramref name="w"/>'s own ids; null when the route has none.</summary>
    private static object? Body(string key, World w) => key switch
    {
        "POST /api/wallet/create" => new { name = Fresh("Wallet"), type = "bank", balance = 10.5m, color = "#ff0000", exclude_from_stats = false },
        "PUT /api/wallet/update/{uuid}" => new { name = Fresh("Renamed"), color = "#00ff00" },
        "PATCH /api/wallet/sorting/{uuid}" => new { sorting = 3 },
        "POST /api/label/" or "POST /api/label" => new { name = Fresh("Label"), color = "#112233" },
        "PUT /api/label/{uuid}" => new { name = Fresh("Relabel"), color = "#445566", archive = false },
        "PATCH /api/label/{uuid}" => new { archive = true },
        "POST /api/payees/" => new { name = Fresh("Payee") },
        "PUT /api/payees/{uuid}" => new { name = Fresh("Renamed payee") },
        "POST /api/goals/create" => new { name = Fresh("Goal"), amount = 100m, description = "trip", due_date = "2027-01-31", status = "active" },
        "PUT /api/goals/update/{uuid}" => new { name = Fresh("Goal"), amount = 200m, description = "changed" },
        "POST /api/budget/create" or "PUT /api/budget/update/{uuid}" => new
        {
            name = Fresh("Budget"), amount = 300m, description = "food", notification = false,
            configuration = new { period = "monthly", accounts = new[] { w.Wallet }, tags = new[] { w.Label }, categories = new[] { 3 } },
        },
        "PUT /api/currencies/rates/{currency}" => new { rate = 1.25m },
        "POST /api/entry/expense" or "PUT /api/entry/expense/{uuid}" => new
        {
            amount = -5.25m, date_time = PastDate, account_id = w.Wallet, category_id = 3, note = "bread", labels = new[] { w.Label }, payee_id = w.Payee,
        },
        "POST /api/entry/income" or "PUT /api/entry/income/{uuid}" => new { amount = 7.5m, date_time = PastDate, account_id = w.Wallet, category_id = 3, note = "pay" },
        "POST /api/entry/debit" or "PUT /api/entry/debit/{uuid}" => new { amount = -3m, date_time = PastDate, account_id = w.Wallet, payee_id = w.Payee, note = "lent" },
        "POST /api/entry/saving" or "PUT /api/entry/saving/{uuid}" => new { amount = 2m, date_time = PastDate, account_id = w.Wallet, goal_id = w.Goal, note = "put aside" },
        "POST /api/entry/transfer" or "PUT /api/entry/transfer/{uuid}" => new { amount = 4m, date_time = PastDate, account_id = w.Wallet, transfer_id = w.Wallet2, note = "move" },
        "PUT /api/entry/{uuid}" => new { note = "changed", confirmed = true },
        "POST /api/entry/model/" => new { name = Fresh("Model"), type = "expenses", amount = -12.5m, account_id = w.Wallet, category_id = 3, note = "weekly" },
        "PUT /api/entry/model/{uuid}" => new { name = Fresh("Model"), amount = -13m, note = "changed" },
        "POST /api/entry/planned/" => new { date_time = FutureDate, planning = "monthly", type = "expenses", amount = -8.5m, account_id = w.Wallet, category_id = 3, note = "rent" },
        "PUT /api/entry/planned/{uuid}" => new { amount = -9m, note = "changed", planning = "weekly" },
        "POST /api/find/" => new { text = "bread", account = new[] { w.Wallet } },
        "POST /api/stats/entries" => new { date = new { start = "2026-01-01", end = "2026-12-31" }, accounts = new[] { w.Wallet }, categories = new[] { 3 } },
        "POST /api/workspace/create" => new { workspace = new { name = Fresh("Workspace"), description = "x", currency = "EUR", time_zone = "UTC" } },
        "PUT /api/workspace/update/{id}" => new { name = "Hijacked", description = "taken" },
        "POST /api/workspace/{wsId}/share" => new { user_to_share = w.User.Email, role = "admin" },
        "PUT /api/workspace/{wsId}/members/{userUuid}" => new { role = "admin" },
        "POST /api/auth/{userUuid}/finalize/sign-up" => new { workspace = new { name = Fresh("Finalized") } },
        "PUT /api/auth/profile" => new { name = "Renamed Person", locale = "it" },
        "PUT /api/auth/password" => new { current_password = BudgetApp.Password, password = BudgetApp.Password, password_confirmation = BudgetApp.Password },
        "POST /api/auth/2fa/enable" or "POST /api/auth/2fa/disable" => new { code = "123456" },
        "POST /api/auth/sign-up" => new { name = "New Person", email = $"n{Guid.NewGuid():N}@example.com", password = BudgetApp.Password, password_confirmation = BudgetApp.Password },
        "POST /api/auth/authenticate" => new { email = $"nobody{Guid.NewGuid():N}@example.com", password = BudgetApp.Password },
        "POST /api/auth/refresh" => new { refresh_token = "not-a-refresh-token" },
        "POST /api/auth/verify-email" or "POST /api/auth/reset-password" => new { email = $"nobody{Guid.NewGuid():N}@example.com" },
        "PUT /api/auth/reset-password/{token}" => new { password = BudgetApp.Password, password_confirmation = BudgetApp.Password },
        _ => null,
    };

    /// <summary>The attacker's own writes and reads naming the victim's ids in the body or the query.</summary>
    private static IEnumerable<(string Method, string Path, object? Body)> ForeignReferences(World a, World v)
    {
        yield return ("POST", "/api/entry/expense", new { amount = -1m, date_time = PastDate, account_id = v.Wallet });
        yield return ("POST", "/api/entry/expense", new { amount = -1m, date_time = PastDate, account_id = a.Wallet, labels = new[] { v.Label } });
        yield return ("POST", "/api/entry/expense", new { amount = -1m, date_time = PastDate, account_id = a.Wallet, payee_id = v.Payee });
        yield return ("POST", "/api/entry/debit", new { amount = -1m, date_time = PastDate, account_id = a.Wallet, payee_id = v.Payee });
        yield return ("POST", "/api/entry/saving", new { amount = 1m, date_time = PastDate, account_id = a.Wallet, goal_id = v.Goal });
        yield return ("POST", "/api/entry/transfer", new { amount = 1m, date_time = PastDate, account_id = a.Wallet, transfer_id = v.Wallet });
        yield return ("POST", "/api/entry/transfer", new { amount = 1m, date_time = PastDate, account_id = v.Wallet, transfer_id = a.Wallet });
        yield return ("POST", "/api/entry/transfer", new { amount = 1m, date_time = PastDate, account_id = a.Wallet, transfer_id = v.Wallet, workspace_id = v.Workspace });
        yield return ("PUT", $"/api/entry/expense/{a.Expense}", new { account_id = v.Wallet });
        yield return ("PUT", $"/api/entry/{a.Expense}", new { labels = new[] { v.Label } });
        yield return ("PUT", $"/api/entry/saving/{a.Saving}", new { goal_id = v.Goal });
        yield return ("PUT", $"/api/entry/transfer/{a.TransferOut}", new { transfer_id = v.Wallet });
        yield return ("POST", "/api/entry/model", new { name = "m", type = "expenses", amount = -1m, account_id = v.Wallet });
        yield return ("POST", "/api/entry/model", new { name = "m", type = "expenses", amount = -1m, account_id = a.Wallet, payee_id = v.Payee });
        yield return ("PUT", $"/api/entry/model/{a.Model}", new { account_id = v.Wallet });
        yield return ("POST", "/api/entry/planned", new { date_time = FutureDate, planning = "monthly", type = "expenses", amount = -1m, account_id = v.Wallet });
        yield return ("POST", "/api/entry/planned", new { date_time = FutureDate, planning = "monthly", type = "transfer", amount = 1m, account_id = a.Wallet, transfer_id = v.Wallet });
        yield return ("POST", "/api/entry/planned", new { date_time = FutureDate, planning = "monthly", type = "saving", amount = 1m, account_id = a.Wallet, goal_id = v.Goal });
        yield return ("PUT", $"/api/entry/planned/{a.Plan}", new { account_id = v.Wallet });
        yield return ("POST", "/api/wallet/create", new { name = "card", type = "credit-card", payment_account = v.Wallet, closing_date = "2027-01-10", invoice_date = "2027-01-15" });
        yield return ("PUT", $"/api/wallet/update/{a.Wallet}", new { payment_account = v.Wallet, type = "credit-card", closing_date = "2027-01-10", invoice_date = "2027-01-15" });
        yield return ("POST", "/api/budget/create", new { name = "b", amount = 1m, configuration = new { period = "monthly", accounts = new[] { v.Wallet } } });
        yield return ("POST", "/api/budget/create", new { name = "b", amount = 1m, configuration = new { period = "monthly", tags = new[] { v.Label } } });
        yield return ("POST", "/api/budget/create", new { name = "b", amount = 1m, emails = new[] { v.User.Email }, configuration = new { period = "monthly" } });
        yield return ("POST", "/api/find", new { account = new[] { v.Wallet } });
        yield return ("POST", "/api/find", new { tags = new[] { v.Label } });
        yield return ("POST", "/api/stats/entries", new { accounts = new[] { v.Wallet } });
        yield return ("POST", "/api/stats/entries", new { tags = new[] { v.Label } });
        yield return ("GET", $"/api/savings?goal={v.Goal}", null);
        yield return ("GET", $"/api/entry?filters[account_id]={v.Wallet}", null);
        yield return ("GET", $"/api/entry?filters[payee_id]={v.Payee}", null);
        yield return ("GET", $"/api/entry?filters[goal_id]={v.Goal}", null);
        yield return ("GET", $"/api/entry?filters[label]={v.Label}", null);
        yield return ("GET", $"/api/entry/model?filters[account_id]={v.Wallet}", null);
        yield return ("GET", $"/api/entry/planned?filters[account_id]={v.Wallet}", null);
        yield return ("GET", $"/api/stats/chart/bar/expenses/label?labels[]={Uri.EscapeDataString(v.Secret)}", null);
    }

    /// <summary>Query strings every read gets: paging, sorting, filters, dates and amounts that are wrong.</summary>
    private static readonly string[] BadQueries =
    [
        "page=-1", "page=0", "per_page=abc", "per_page=0", "per_page=-5", "page=99999999999999999999", "per_page=1e400",
        "order[no_such_key]=asc", "order[name]=sideways", "sort=no_such_key", "filters[no_such_key]=1", "filter[type]=no-such-type",
        "filters[amount]=>|abc", "filters[date_time]=<=|2025-02-31", "filters[account_id]=not-a-uuid", "filters[label]=" + new string('x', 2000),
        "cursor=garbage", "cursor=" + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"d\":\"x\",\"i\":-1}")),
        "start_date=not-a-date&end_date=2026-13-45", "start_date=2026-03-01&end_date=2025-01-01", "start_date=0001-01-01&end_date=9999-12-31",
        "date_time[0][start]=x&date_time[0][end]=y", "date_time[99999999999][start]=2026-01-01", "date_time=2026-01-01",
        "date_from=2025-02-31", "date_to=abc", "amount_min=1e400", "amount_max=99999999999999999999999", "planned=maybe", "goal=not-a-uuid",
        "labels[]=" + new string('x', 10_000), "q=" + new string('x', 10_000), "q=%00", "planned[]=1&planned[]=0",
    ];

    /// <summary>Headers every write gets once, with a valid body.</summary>
    private static readonly (string Name, string Value)[] BadHeaders =
    [
        ("If-Match", "garbage"), ("If-Match", "\"99999999999999999999999\""), ("If-Match", "\"-1\""),
        ("Idempotency-Key", new string('k', 300)), ("X-WS", "not-a-uuid"),
    ];

    /// <summary>Malformed variants of a valid JSON body.</summary>
    private static IEnumerable<(string What, string Json)> BadBodies(string validJson)
    {
        yield return ("invalid JSON", "{\"name\": ");
        yield return ("invalid JSON", validJson[..^1]);
        yield return ("an array", "[]");
        yield return ("an array of the body", $"[{validJson}]");
        yield return ("a string", "\"text\"");
        yield return ("a number", "12");
        yield return ("null", "null");
        var root = JsonNode.Parse(validJson)!.AsObject();
        foreach (var (path, value) in Leaves(root, ""))
        {
            var kind = value?.GetValueKind();
            var wrong = kind switch
            {
                System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Array => new[] { "\"text\"", "12" },
                System.Text.Json.JsonValueKind.Number => ["\"abc\"", "{\"a\":1}", "[1]", "true"],
                System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => ["\"maybe\"", "{\"a\":1}", "[true]"],
                _ => ["{\"a\":1}", "[\"x\"]", "12345", "true"],
            };
            foreach (var raw in wrong)
            {
                yield return ($"{path} as {raw}", Replace(validJson, path, raw));
            }
            if (kind == System.Text.Json.JsonValueKind.Number)
            {
                foreach (var raw in new[] { "1e400", "99999999999999999999999", "-99999999999999999999999", "92233720368547758.07", "0.000000000000000000000000001" })
                {
                    yield return ($"{path} = {raw}", Replace(validJson, path, raw));
                }
            }
            if (kind == System.Text.Json.JsonValueKind.String)
            {
                yield return ($"{path} of 10,000 characters", Replace(validJson, path, $"\"{new string('x', 10_000)}\""));
                // A NUL (PostgreSQL text cannot hold it) and a lone surrogate (no UTF-8 for it).
                yield return ($"{path} with a NUL", Replace(validJson, path, "\"a\\u0000b\""));
                yield return ($"{path} with a lone surrogate", Replace(validJson, path, "\"a\\ud800b\""));
            }
            if (kind == System.Text.Json.JsonValueKind.Array)
            {
                yield return ($"{path} of wrong items", Replace(validJson, path, "[{\"a\":1}, [2], null]"));
            }
        }
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonObject node, string prefix)
    {
        foreach (var (name, value) in node)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, value);
            if (value is JsonObject inner)
            {
                foreach (var leaf in Leaves(inner, path))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static string Replace(string json, string path, string raw)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var parts = path.Split('.');
        var target = root;
        foreach (var part in parts[..^1])
        {
            target = target[part]!.AsObject();
        }
        // Written as text after serialising, so that what no JSON library would write (1e400, a lone surrogate) goes out as is.
        const string marker = "@@raw-value@@";
        target[parts[^1]] = marker;
        return root.ToJsonString().Replace($"\"{marker}\"", raw, StringComparison.Ordinal);
    }

    private static string JsonSerializerJson(object body) => JsonContent.Create(body).ReadAsStringAsync().GetAwaiter().GetResult();

    // ---- sending and checking ----

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string path, object? body) =>
        SendRaw(client, method, path, body is null ? null : JsonSerializerJson(body));

    private static Task<HttpResponseMessage> SendRaw(HttpClient client, string method, string path, string? json, (string Name, string Value)? header = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (header is var (name, value))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }

    private static async Task ExpectHiddenAsync(HttpResponseMessage response, string what, IReadOnlyList<string> secrets, List<string> failures, int[]? allowed = null)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        // What the request itself sent (a problem's "instance" echoes the path) is no leak.
        var sent = Uri.UnescapeDataString(response.RequestMessage?.RequestUri?.ToString() ?? "");
        foreach (var secret in secrets.Where(s => !sent.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            if (text.Contains(secret, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{what}: {status} answers the victim's \"{secret}\": {Short(text)}");
                return;
            }
        }
        allowed ??= [403, 404];
        if (!allowed.Contains(status))
        {
            failures.Add($"{what}: expected one of {string.Join(", ", allowed)}, got {status}: {Short(text)}");
        }
        else if (status >= 400 && !IsProblem(response, text, status))
        {
            failures.Add($"{what}: {status} is not problem details: {response.Content.Headers.ContentType} {Short(text)}");
        }
    }

    private static bool IsProblem(HttpResponseMessage response, string text, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }
        try
        {
            return JsonNode.Parse(text) is JsonObject body && (int?)body["status"] == status;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "...";

    // ---- the database before and after ----

    /// <summary>
    /// Every row of the tables the API writes, as text, per table. Left out: static reference data (never written), the
    /// outbox (sent in the background after a request), and the sign-in tables (a refused sign-in counts as a failure there by design).
    /// </summary>
    private async Task<Dictionary<string, List<string>>> FingerprintAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        string[] skipped = ["Currency", "PaymentType", "Category", "SubCategory", "OutboxMail", "User"];
        var tables = db.Model.GetEntityTypes()
            .Where(e => e.ClrType.Namespace == "BudgetControl.Data.Entities" && !skipped.Contains(e.ClrType.Name) && e.GetTableName() is not null && !e.IsOwned())
            .Select(e => e.GetTableName()!).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = string.Join(";\n", tables.Select(t => $"SELECT * FROM \"{t}\""));
        var result = new Dictionary<string, List<string>>();
        await using var reader = await command.ExecuteReaderAsync();
        var index = 0;
        do
        {
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    row.Append(reader.GetName(i)).Append('=').Append(value switch
                    {
                        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
                        byte[] b => Convert.ToBase64String(b),
                        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                    }).Append('|');
                }
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            result[tables[index++]] = rows;
        }
        while (await reader.NextResultAsync());
        return result;
    }

    private static string? Difference(Dictionary<string, List<string>> before, Dictionary<string, List<string>> after)
    {
        var changes = new List<string>();
        foreach (var (table, rows) in after)
        {
            var old = before.GetValueOrDefault(table) ?? [];
            var added = rows.Except(old).ToList();
            var removed = old.Except(rows).ToList();
            if (added.Count + removed.Count > 0)
            {
                changes.Add($"{table}: +{added.Count} -{removed.Count} (now {Short(added.FirstOrDefault() ?? "")}, was {Short(removed.FirstOrDefault() ?? "")})");
            }
        }
        return changes.Count == 0 ? null : string.Join("; ", changes);
    }

    // ---- one user's workspace with one of every kind of resource ----

    private sealed class World
    {
        public required TestUser User { get; init; }
        public TestUser? Member { get; init; }
        public World? Other { get; set; }
        public required string Secret { get; init; }
        public Guid Workspace { get; init; }
        public Guid Wallet { get; init; }
        public Guid Wallet2 { get; init; }
        public Guid Label { get; init; }
        public Guid Payee { get; init; }
        public Guid Goal { get; init; }
        public Guid Budget { get; init; }
        public Guid Model { get; init; }
        public Guid Plan { get; init; }
        public Guid Expense { get; init; }
        public Guid Income { get; init; }
        public Guid Debit { get; init; }
        public Guid Saving { get; init; }
        public Guid TransferOut { get; init; }
        public Guid TransferIn { get; init; }
        public Guid Future { get; init; }
        public Guid Deleted { get; init; }

        /// <summary>Strings that only this world's owner may ever see.</summary>
        public IReadOnlyList<string> Secrets => [Secret, User.Email, Member?.Email ?? User.Email, "4321.87", "1234.56", "2345.67", "345.67", "9876.54", "111.11", "222.22"];

        /// <summary>Reads of the owner that must still show the secret after the sweep.</summary>
        public IReadOnlyList<(string Path, string Secret)> Readable =>
        [
            ($"/api/wallet/show/{Wallet}", "4321.87"), ($"/api/entry/{Expense}", "1234.56"), ($"/api/entry/{Income}", "2345.67"),
            ($"/api/entry/{Debit}", "345.67"), ($"/api/entry/{Saving}", "111.11"), ($"/api/entry/{TransferOut}", "222.22"),
            ($"/api/label/{Label}", Secret), ($"/api/payees/{Payee}", Secret), ($"/api/goals/{Goal}", "9876.54"),
            ($"/api/budget/{Budget}", Secret), ($"/api/entry/model/{Model}", Secret), ($"/api/entry/planned/{Plan}", Secret),
            ($"/api/workspace/{Workspace}", Secret), ("/api/currencies/rates", "0.92"),
        ];

        public static World Dummy()
        {
            var user = new TestUser(null!, "dummy@example.com", "Dummy", Guid.NewGuid(), "", "");
            return new World { User = user, Member = user, Secret = "dummy", Other = new World { User = user, Secret = "other" } };
        }

        public static async Task<World> BuildAsync(BudgetApp app, string name)
        {
            var secret = "S" + Guid.NewGuid().ToString("N")[..10];
            var user = await app.NewUserAsync($"{name} {secret}");
            var member = await app.NewUserAsync($"Member {secret}");
            var workspace = await user.CreateWorkspaceAsync(extra: new { workspace = new { name = $"Home {secret}", description = $"Notes {secret}", currency = "EUR", time_zone = "UTC" } });
            await user.ShareAsync(workspace, member);
            var client = user.Client(workspace);

            async Task<JsonNode> CreateAsync(string method, string path, object body)
            {
                var response = await Send(client, method, path, body);
                var json = await response.Json();
                Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {json.ToJsonString()}");
                return json;
            }
            async Task<Guid> IdAsync(string path, object body) => Guid.Parse((string)(await CreateAsync("POST", path, body))["uuid"]!);

            var wallet = await IdAsync("/api/wallet/create", new { name = $"Wallet {secret}", type = "bank", balance = 4321.87m });
            var wallet2 = await IdAsync("/api/wallet/create", new { name = $"Savings {secret}", type = "bank", balance = 10m });
            var label = await IdAsync("/api/label", new { name = $"Label {secret}", color = "#123456" });
            var payee = await IdAsync("/api/payees", new { name = $"Payee {secret}" });
            var goal = await IdAsync("/api/goals/create", new { name = $"Goal {secret}", amount = 9876.54m, description = $"Goal notes {secret}" });
            var expense = await IdAsync("/api/entry/expense", new { amount = -1234.56m, date_time = PastDate, account_id = wallet, category_id = 3, note = $"Expense {secret}", labels = new[] { label }, payee_id = payee });
            var income = await IdAsync("/api/entry/income", new { amount = 2345.67m, date_time = PastDate, account_id = wallet, category_id = 3, note = $"Income {secret}" });
            var debit = await IdAsync("/api/entry/debit", new { amount = -345.67m, date_time = PastDate, account_id = wallet, payee_id = payee, note = $"Debit {secret}" });
            var saving = await IdAsync("/api/entry/saving", new { amount = 111.11m, date_time = PastDate, account_id = wallet, goal_id = goal, note = $"Saving {secret}" });
            var transfer = await CreateAsync("POST", "/api/entry/transfer", new { amount = 222.22m, date_time = PastDate, account_id = wallet, transfer_id = wallet2, note = $"Transfer {secret}" });
            var future = await IdAsync("/api/entry/expense", new { amount = -55.5m, date_time = FutureDate, account_id = wallet, category_id = 3, note = $"Future {secret}" });
            var deleted = await IdAsync("/api/entry/expense", new { amount = -66.6m, date_time = PastDate, account_id = wallet, category_id = 3, note = $"Deleted {secret}" });
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/entry/{deleted}")).StatusCode);
            var model = await IdAsync("/api/entry/model", new { name = $"Model {secret}", type = "expenses", amount = -12.5m, account_id = wallet, category_id = 3, note = $"Model {secret}" });
            var plan = await IdAsync("/api/entry/planned", new { date_time = FutureDate, planning = "monthly", type = "expenses", amount = -850.5m, account_id = wallet, category_id = 3, note = $"Plan {secret}" });
            var budget = await IdAsync("/api/budget/create", new { name = $"Budget {secret}", amount = 500m, description = $"Budget notes {secret}", configuration = new { period = "monthly", accounts = new[] { wallet } } });
            await CreateAsync("PUT", "/api/currencies/rates/USD", new { rate = 0.92m });
            return new World
            {
                User = user, Member = member, Secret = secret, Workspace = workspace, Wallet = wallet, Wallet2 = wallet2, Label = label, Payee = payee,
                Goal = goal, Budget = budget, Model = model, Plan = plan, Expense = expense, Income = income, Debit = debit, Saving = saving,
                TransferOut = Guid.Parse((string)transfer["transfer_this"]!["uuid"]!), TransferIn = Guid.Parse((string)transfer["to_this"]!["uuid"]!),
                Future = future, Deleted = deleted,
            };
        }
    }
}

public sealed class SqliteRouteSweepTests(SqliteApp app, ITestOutputHelper output) : RouteSweepTests(app, output), IClassFixture<SqliteApp>;

public sealed class PostgresRouteSweepTests(PostgresApp app, ITestOutputHelper output) : RouteSweepTests(app, output), IClassFixture<PostgresApp>;
