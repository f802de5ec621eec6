using System.Net;
using BudgetControl.Data;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests;

/// <summary>
/// The per-address rate limit behind nginx and the gateway: <c>X-Forwarded-For</c> is believed only from the
/// configured proxies (<c>ForwardedHeaders:KnownProxies</c>), so each client behind them has its own limit and a
/// client talking to the server directly cannot pick its address with the header.
/// </summary>
public abstract class TrustedProxyTests(ProxiedApp app)
{
    private async Task<HttpStatusCode> CallAsync(string peer, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/currencies");
        request.Headers.Add(ProxiedApp.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    private static string Unique(string prefix) => $"{prefix}.{Random.Shared.Next(1, 254)}";

    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_address_has_its_own_limit()
    {
        var client = Unique("203.0.113");
        for (var i = 0; i < ProxiedApp.PermitsPerMinute; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await CallAsync(ProxiedApp.Proxy, client));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync(ProxiedApp.Proxy, client));
        // Another client behind the same proxy, and a spoofed entry before the real one: limited by the real address only.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await CallAsync(ProxiedApp.Proxy, Unique("198.18.0")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync(ProxiedApp.Proxy, $"{Unique("192.0.2")}, {client}"));
        // Two trusted hops (nginx, then the gateway): the address nginx saw counts.
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync(ProxiedApp.Proxy, $"{client}, {ProxiedApp.Proxy}"));
    }

    [Fact]
    public async Task A_client_that_is_not_a_trusted_proxy_cannot_choose_its_address()
    {
        var peer = Unique("198.51.100");
        for (var i = 0; i < ProxiedApp.PermitsPerMinute; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await CallAsync(peer, Unique("203.0.113")));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync(peer, Unique("203.0.113")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync(peer, null));
    }

    [Fact]
    public async Task Loopback_is_not_a_trusted_proxy_unless_configured()
    {
        // ASP.NET Core trusts loopback by default; here only 10.9.0.1 is configured.
        for (var i = 0; i < ProxiedApp.PermitsPerMinute; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await CallAsync("127.0.0.1", Unique("203.0.113")));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync("127.0.0.1", Unique("203.0.113")));
    }
}

/// <summary>The all-in-one server behind a proxy at <see cref="Proxy"/>, with a small per-address limit.</summary>
public abstract class ProxiedApp : BudgetApp
{
    public const string Proxy = "10.9.0.1";
    public const int PermitsPerMinute = 4;

    /// <summary>Test-only header: the connection's remote address (the test server has none of its own).</summary>
    public const string PeerHeader = "X-Test-Peer";

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("ForwardedHeaders:KnownProxies", Proxy),
        new("RateLimiting:PermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate inner) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[PeerHeader].ToString(), out var peer))
                {
                    http.Connection.RemoteIpAddress = peer;
                }
                return inner(http);
            });
            next(app);
        };
    }
}

public sealed class SqliteProxiedApp : ProxiedApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresProxiedApp : ProxiedApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class SqliteTrustedProxyTests(SqliteProxiedApp app) : TrustedProxyTests(app), IClassFixture<SqliteProxiedApp>;

public sealed class PostgresTrustedProxyTests(PostgresProxiedApp app) : TrustedProxyTests(app), IClassFixture<PostgresProxiedApp>;
