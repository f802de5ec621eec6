using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Hosting;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> is believed (<c>ForwardedHeaders:KnownProxies</c>, addresses, and
/// <c>ForwardedHeaders:KnownNetworks</c>, CIDR ranges; comma-separated). Behind nginx and the gateway every request
/// comes from a proxy; with them named, the connection's remote address becomes the client's, so the per-address
/// rate limit (<c>RateLimiting:PermitsPerMinute</c>) and the logs see clients again. The header is walked from the
/// right, one hop per trusted proxy, and only while the sender is trusted: a client that sends its own
/// <c>X-Forwarded-For</c> cannot choose its address. With neither key set (the default, and the all-in-one server
/// facing clients itself) the header is ignored, loopback included.
/// </summary>
public static class TrustedProxies
{
    private sealed record Marker;

    internal static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var proxies = List(configuration["ForwardedHeaders:KnownProxies"]).Select(text => IPAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{text}' is not an IP address.")).ToList();
        var networks = List(configuration["ForwardedHeaders:KnownNetworks"]).Select(text => System.Net.IPNetwork.TryParse(text, out var network)
            ? network
            : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{text}' is not a CIDR range (10.0.0.0/8).")).ToList();
        if (proxies.Count == 0 && networks.Count == 0)
        {
            return;
        }
        services.AddSingleton(new Marker());
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // ASP.NET Core trusts loopback by default: only the configured proxies count.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            // Every trusted hop (nginx, then the gateway) is undone; the first untrusted address is the client.
            o.ForwardLimit = null;
        });
    }

    internal static bool Configured(IServiceProvider services) => services.GetService<Marker>() is not null;

    private static string[] List(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
