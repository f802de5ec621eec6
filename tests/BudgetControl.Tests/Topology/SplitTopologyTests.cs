using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests.Topology;

/// <summary>
/// What only the split topology has: the gateway's edge policies, revocation across processes, a service
/// going down and coming back, and Redis going away. Through nginx over HTTPS unless a test says otherwise.
/// </summary>
[Collection(SplitCollection.Name)]
public sealed class SplitTopologyTests(SplitTopology split)
{
    /// <summary>A read route of every service, as the client calls it (the workspace header is set by the session).</summary>
    private static readonly (string Service, string Path)[] ServiceReads =
    [
        ("workspace", "/api/workspace/list"), ("workspace", "/api/currencies"), ("authentication", "/api/auth/check"),
        ("stats", "/api/stats/total"), ("budget", "/api/budgets"), ("entries", "/api/entry"), ("wallets", "/api/wallet/list"),
        ("labels", "/api/label/list"), ("debt", "/api/payees"), ("goals", "/api/goals"), ("jobs", "/api/jobs/history"),
    ];

    [SplitFact]
    public async Task Logout_is_refused_by_every_service_within_two_seconds()
    {
        var session = await TopologyScenarios.StartSessionAsync(split);
        foreach (var (service, path) in ServiceReads)
        {
            using var direct = Direct(service, session);
            Assert.True((await direct.GetAsync(path)).IsSuccessStatusCode, $"{service} {path} before logout");
        }

        Assert.True((await session.Client.GetAsync("/api/auth/logout")).IsSuccessStatusCode);
        var deadline = Stopwatch.StartNew();

        // Straight to each service's own port, past nginx and the gateway: every process must refuse it itself.
        var refused = new HashSet<string>();
        while (refused.Count < ServiceReads.Length && deadline.Elapsed < TimeSpan.FromSeconds(2))
        {
            foreach (var (service, path) in ServiceReads.Where(r => !refused.Contains(r.Service + r.Path)))
            {
                using var direct = Direct(service, session);
                if ((await direct.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized)
                {
                    refused.Add(service + path);
                }
            }
        }
        Assert.Equal(ServiceReads.Select(r => r.Service + r.Path).Order(), refused.Order());
        // And the gateway refuses it at the edge.
        await (await session.Client.GetAsync("/api/wallet/list")).Problem(HttpStatusCode.Unauthorized);
    }

    [SplitFact]
    public async Task A_dead_service_answers_503_for_its_routes_only_and_recovers_when_restarted()
    {
        var session = await TopologyScenarios.StartSessionAsync(split);
        await TopologyScenarios.OkAsync(session.Client, "/api/label/list");
        split.Kill("labels");
        try
        {
            var problem = await (await session.Client.GetAsync("/api/label/list")).Problem(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("labels", (string)problem["detail"]!, StringComparison.Ordinal);
            var again = await session.Client.GetAsync("/api/label/list");
            await again.Problem(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(again.Headers.RetryAfter);

            // The other services keep working, writes included.
            await TopologyScenarios.OkAsync(session.Client, "/api/wallet/list");
            await TopologyScenarios.OkAsync(session.Client, "/api/stats/total");
            await TopologyScenarios.CreatedAsync(session.Client, "/api/goals/create", new { name = "Bike", amount = 500 });
        }
        finally
        {
            split.Restart("labels");
        }

        // Back once the gateway's health checks see it again.
        var recovered = await EventuallyAsync(async () => (await session.Client.GetAsync("/api/label/list")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(90));
        Assert.True(recovered, "the labels routes did not recover after the restart");
        // The gateway reached it over HTTP/2 with prior knowledge on its second port (split-up.sh's default), whose
        // connection the kill had broken; the service's own port still speaks HTTP/1.1.
        var gateway = await File.ReadAllTextAsync(Path.Combine(split.State, "run", "gateway.cmd"));
        var http2Port = split.ServicePorts["labels"] + 20;
        Assert.Contains("Gateway__Http2=true", gateway, StringComparison.Ordinal);
        Assert.Contains($"Gateway__Services__labels=http://127.0.0.1:{http2Port}", gateway, StringComparison.Ordinal);
        using var http2 = new HttpClient();
        using var health = await http2.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{http2Port}/health")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        Assert.Equal(HttpVersion.Version20, health.Version);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [SplitFact]
    public async Task Without_redis_every_request_still_succeeds()
    {
        var session = await TopologyScenarios.StartSessionAsync(split);
        var wallet = (string)(await TopologyScenarios.OkAsync(session.Client, "/api/wallet/list")).AsArray().Single()!["uuid"]!;
        split.Kill("redis");
        try
        {
            await TopologyScenarios.CreatedAsync(session.Client, "/api/entry/expense", new { amount = -12.50m, date_time = "2026-01-15 10:00", account_id = wallet });
            Assert.Equal(-12.50m, TopologyScenarios.Number((await TopologyScenarios.OkAsync(session.Client, $"/api/wallet/show/{wallet}"))["balance"]));
            await TopologyScenarios.OkAsync(session.Client, "/api/stats/total");
            await TopologyScenarios.OkAsync(session.Client, "/api/workspace/list");
            await TopologyScenarios.OkAsync(session.Client, "/api/auth/user-info");
            var newcomer = await TopologyScenarios.StartSessionAsync(split);
            await TopologyScenarios.OkAsync(newcomer.Client, "/api/budgets");
        }
        finally
        {
            split.Restart("redis");
        }
    }

    [SplitFact]
    public async Task The_gateway_limits_each_user_with_a_429_problem_and_leaves_others_alone()
    {
        var busy = await TopologyScenarios.StartSessionAsync(split);
        var calm = await TopologyScenarios.StartSessionAsync(split);
        HttpResponseMessage? limited = null;
        for (var i = 0; i <= SplitTopology.PermitsPerUserPerMinute + 10 && limited is null; i++)
        {
            var response = await busy.Client.GetAsync("/api/currencies");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }
        Assert.NotNull(limited);
        await limited.Problem(HttpStatusCode.TooManyRequests);
        await TopologyScenarios.OkAsync(calm.Client, "/api/currencies");
    }

    [SplitFact]
    public async Task Request_id_and_trace_context_reach_the_service_behind_the_gateway()
    {
        var session = await TopologyScenarios.StartSessionAsync(split);
        var requestId = "split-" + Guid.NewGuid().ToString("N");
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/wallet/show/{Guid.NewGuid()}");
        request.Headers.Add("X-Request-Id", requestId);
        request.Headers.Add("traceparent", $"00-{traceId}-b7ad6b7169203331-01");
        var origin = split.BaseAddress.GetLeftPart(UriPartial.Authority);
        request.Headers.Add("Origin", origin);
        var response = await session.Client.SendAsync(request);

        // The 404 is the wallets service's own answer: it carries the id and the trace the client started.
        var problem = await response.Problem(HttpStatusCode.NotFound);
        Assert.Equal(requestId, (string)problem["request_id"]!);
        Assert.Contains(traceId, (string)problem["trace_id"]!, StringComparison.Ordinal);
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("X-Request-Id")));
        // CORS is answered once, by the gateway: one Access-Control-Allow-Origin, not one per hop.
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [SplitFact]
    public async Task Nginx_redirects_to_https_and_adds_security_headers()
    {
        using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://localhost:{split.PortBase + 50}/"),
        };
        var redirect = await plain.GetAsync("/api/currencies");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.StartsWith("https://", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var client = split.Client();
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(health.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("nosniff", Assert.Single(health.Headers.GetValues("X-Content-Type-Options")));
        await (await client.GetAsync("/api/no-such-service")).Problem(HttpStatusCode.NotFound);

        // JSON is compressed on the way out (the client here does not decompress, so the encoding shows).
        var session = await TopologyScenarios.StartSessionAsync(split);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/currencies");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        var compressed = await session.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Contains("gzip", compressed.Content.Headers.ContentEncoding);
    }

    private HttpClient Direct(string service, Session session)
    {
        var client = split.Direct(service);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        client.DefaultRequestHeaders.Add("X-WS", session.Workspace.ToString());
        return client;
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(250);
        }
        return false;
    }
}
