using System.Net;
using System.Net.Http.Json;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

/// <summary>
/// Two processes on one PostgreSQL database and one real Redis (issue 14): a session ended in one is refused
/// by the other within two seconds, without the other reading the database per request; cached reads are
/// invalidated by writes made in either process and never cross users or workspaces.
/// </summary>
public sealed class CacheAndRevocationTests(RedisPair pair) : IClassFixture<RedisPair>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(2);

    /// <summary>Polls until <paramref name="request"/> answers <paramref name="status"/>; returns the last status seen.</summary>
    private static async Task<HttpStatusCode> WaitForStatusAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode status, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var seen = (await request()).StatusCode;
            if (seen == status || DateTime.UtcNow >= deadline)
            {
                return seen;
            }
            await Task.Delay(50);
        }
    }

    private static async Task<List<string>> WalletNamesAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/wallet/list");
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body.AsArray().Select(w => (string)w!["name"]!).Order().ToList();
    }

    private static async Task CreateWalletAsync(HttpClient client, string name, decimal balance = 0)
    {
        var response = await client.PostAsJsonAsync("/api/wallet/create", new { name, type = "bank", balance });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [RedisFact]
    public async Task Logout_in_one_process_is_refused_by_the_other_within_two_seconds()
    {
        var user = await pair.First.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync();
        var elsewhere = pair.Second.ClientFor(user, ws);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/workspace/current")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await user.Client().GetAsync("/api/auth/logout")).StatusCode);

        // The second process reloads from the database only hourly here: only the Redis message can tell it.
        Assert.Equal(HttpStatusCode.Unauthorized, await WaitForStatusAsync(() => elsewhere.GetAsync("/api/workspace/current"), HttpStatusCode.Unauthorized, Propagation));
    }

    [RedisFact]
    public async Task Refresh_token_reuse_and_password_reset_reach_the_other_process_within_two_seconds()
    {
        var user = await pair.First.NewUserAsync();
        var anonymous = pair.First.Anonymous();
        var rotated = await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).Json();
        var access = (string)rotated["token"]!;
        var elsewhere = pair.Second.CreateClient();
        elsewhere.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/auth/check")).StatusCode);

        // Replaying the rotated refresh token revokes the whole family (OpenIddict), in the database only.
        await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await WaitForStatusAsync(() => elsewhere.GetAsync("/api/auth/check"), HttpStatusCode.Unauthorized, Propagation));

        var other = await pair.First.NewUserAsync();
        var otherElsewhere = pair.Second.ClientFor(other);
        Assert.Equal(HttpStatusCode.OK, (await otherElsewhere.GetAsync("/api/auth/check")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { email = other.Email })).StatusCode);
        var token = await pair.First.LinkTokenAsync(other.Email, "reset-password");
        var done = await anonymous.PutAsJsonAsync($"/api/auth/reset-password/{token}", new { password = "New#Passw0rd", password_confirmation = "New#Passw0rd" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await WaitForStatusAsync(() => otherElsewhere.GetAsync("/api/auth/check"), HttpStatusCode.Unauthorized, Propagation));
    }

    [RedisFact]
    public async Task Reads_are_cached_and_a_write_in_one_process_is_read_at_once_in_the_other()
    {
        var user = await pair.First.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync();
        var writer = user.Client(ws);
        var reader = pair.Second.ClientFor(user, ws);
        var before = await WalletNamesAsync(reader);

        // A change behind the API's back (no write through it) is not seen: the answer comes from the cache.
        await pair.First.WithDbAsync(db => db.Wallets.Where(w => db.Workspaces.Any(x => x.Uuid == ws && x.Id == w.WorkspaceId))
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.Name, "Renamed behind the cache")));
        Assert.Equal(before, await WalletNamesAsync(reader));
        Assert.Equal(before, await WalletNamesAsync(pair.First.ClientFor(user, ws))); // the L2 (Redis) answers the first process too

        // A write through the API in the first process: the very next read in the second sees it.
        await CreateWalletAsync(writer, "Savings", 100);
        Assert.Equal(["Renamed behind the cache", "Savings"], await WalletNamesAsync(reader));

        var total = (decimal)(await (await reader.GetAsync("/api/stats/total")).Json())["total"]!;
        var wallet = (await (await reader.GetAsync("/api/wallet/list")).Json()).AsArray().First(w => (string)w!["name"]! == "Savings")!["uuid"]!.ToString();
        var entry = await writer.PostAsJsonAsync("/api/entry/expense", new { amount = -12.50m, date_time = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd HH:mm:ss"), account_id = wallet });
        Assert.Equal(HttpStatusCode.Created, entry.StatusCode);
        Assert.Equal(total - 12.50m, (decimal)(await (await reader.GetAsync("/api/stats/total")).Json())["total"]!);
    }

    [RedisFact]
    public async Task Cached_answers_never_reach_another_user_or_workspace()
    {
        var ann = await pair.First.NewUserAsync("Ann");
        var bob = await pair.First.NewUserAsync("Bob");
        var annHome = await ann.CreateWorkspaceAsync("Home");
        var annWork = await ann.CreateWorkspaceAsync("Work");
        var bobHome = await bob.CreateWorkspaceAsync("Home");
        await CreateWalletAsync(ann.Client(annHome), "Ann home");
        await CreateWalletAsync(ann.Client(annWork), "Ann work");
        await CreateWalletAsync(bob.Client(bobHome), "Bob home");

        foreach (var node in new[] { pair.First, pair.Second, pair.First })
        {
            Assert.Contains("Ann home", await WalletNamesAsync(node.ClientFor(ann, annHome)));
            Assert.DoesNotContain("Ann work", await WalletNamesAsync(node.ClientFor(ann, annHome)));
            Assert.Contains("Ann work", await WalletNamesAsync(node.ClientFor(ann, annWork)));
            var bobs = await WalletNamesAsync(node.ClientFor(bob, bobHome));
            Assert.Contains("Bob home", bobs);
            Assert.DoesNotContain("Ann home", bobs);
            Assert.Equal("Work", (string)(await (await node.ClientFor(ann, annWork).GetAsync("/api/workspace/current")).Json())["workspace"]!["name"]!);
            // A foreign workspace is refused before any cache is asked.
            await (await node.ClientFor(bob, annHome).GetAsync("/api/wallet/list")).Problem(HttpStatusCode.NotFound);
        }
    }
}

/// <summary>Redis stops while two processes run: every request still succeeds, and the logs say what degraded.</summary>
public sealed class RedisDownTests(RedisPair pair) : IClassFixture<RedisPair>
{
    [RedisFact]
    public async Task With_redis_stopped_every_request_still_succeeds()
    {
        var user = await pair.First.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync();
        var first = user.Client(ws);
        var second = pair.Second.ClientFor(user, ws);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/wallet/list")).StatusCode);

        await pair.Redis!.StopAsync();
        try
        {
            var create = await first.PostAsJsonAsync("/api/wallet/create", new { name = "Without Redis", type = "bank", balance = 5 });
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
            foreach (var client in new[] { first, second })
            {
                var list = await client.GetAsync("/api/wallet/list");
                Assert.Equal(HttpStatusCode.OK, list.StatusCode);
                Assert.Contains("Without Redis", (await list.Json()).AsArray().Select(w => (string)w!["name"]!));
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/stats/total")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/workspace/current")).StatusCode);
            }
            var other = await pair.Second.NewUserAsync();
            Assert.Equal(HttpStatusCode.Created, (await other.Client().PostAsJsonAsync("/api/workspace/create", new { workspace = new { name = "Later" } })).StatusCode);
            // The process that revokes knows at once; the others fall back to the periodic reload, and say so.
            Assert.Equal(HttpStatusCode.OK, (await user.Client().GetAsync("/api/auth/logout")).StatusCode);
            await (await user.Client().GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
            Assert.Contains(pair.Logs.Messages, m => m.Contains("Redis is unreachable", StringComparison.Ordinal) && m.Contains("periodic reload", StringComparison.Ordinal));
        }
        finally
        {
            await pair.Redis.StartAgainAsync();
        }
    }
}
