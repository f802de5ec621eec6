using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Hosting;

/// <summary>
/// <c>Http2Urls</c>: addresses where the process also listens speaking HTTP/2 only, cleartext with prior knowledge (h2c), for
/// the gateway (<c>Gateway:Http2</c>; docs/operations.md, "HTTP/2 between the gateway and the services"). They are extra
/// endpoints beside <c>urls</c>, not a mode of them, because Kestrel speaks HTTP/2 without TLS only on an endpoint that speaks
/// nothing else (an Http1AndHttp2 endpoint without TLS falls back to HTTP/1.1: dotnet/aspnetcore#56984): nginx, curl, the
/// container health check and browsers keep HTTP/1.1 on <c>urls</c>. A Unix socket here gets the same care as one in
/// <c>urls</c> (<see cref="UnixSocketListeners"/>).
/// </summary>
internal static class Http2Listeners
{
    public const string Key = "Http2Urls";

    public static void AddTo(WebApplicationBuilder builder)
    {
        var http2 = Split(builder.Configuration[Key]);
        if (http2.Count == 0)
        {
            return;
        }
        var addresses = http2.Select(BindingAddress.Parse).ToList();
        if (addresses.FirstOrDefault(a => a.Scheme != "http") is { } https)
        {
            throw new InvalidOperationException($"{Key}: '{https}' must be an http:// address (HTTP/2 with prior knowledge is cleartext; TLS is nginx's).");
        }
        // Kestrel binds every address of `urls`; the HTTP/2 ones are told apart when each endpoint is set up.
        builder.WebHost.UseUrls([.. Split(builder.Configuration["urls"]), .. http2]);
        builder.Services.Configure<KestrelServerOptions>(o => o.ConfigureEndpointDefaults(listen =>
        {
            if (addresses.Any(a => Matches(a, listen.EndPoint)))
            {
                listen.Protocols = HttpProtocols.Http2;
            }
        }));
    }

    /// <summary>Whether Kestrel's endpoint is the one <paramref name="address"/> names: a socket by its path, TCP by its port.</summary>
    public static bool Matches(BindingAddress address, EndPoint endpoint) => endpoint switch
    {
        UnixDomainSocketEndPoint unix => address.IsUnixPipe && address.UnixPipePath == unix.ToString(),
        IPEndPoint ip => !address.IsUnixPipe && address.Port == ip.Port,
        _ => false,
    };

    private static List<string> Split(string? addresses) =>
        (addresses ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
