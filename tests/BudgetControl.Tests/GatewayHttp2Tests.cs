using System.Net;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Yarp.ReverseProxy.Model;

namespace BudgetControl.Tests;

/// <summary>
/// HTTP/2 with prior knowledge between the gateway and a service (<c>Gateway:Http2=true</c>, the service's <c>Http2Urls</c>):
/// the gateway (in memory) in front of a real Kestrel service with Hosting's listener set-up, whose HTTP/2-only endpoint is a
/// TCP port or a Unix socket (one class each) beside its ordinary HTTP/1.1 port. Requests and active health checks arrive
/// as HTTP/2, the ordinary port still speaks HTTP/1.1, and a stopped service gets 503 for its routes. No database.
/// </summary>
public abstract class GatewayHttp2Tests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bc-h2-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _http1Port = ChildProcess.FreePort();
    private WebApplication? _service;
    private Http2Gateway? _gateway;

    /// <summary>The service's HTTP/2-only address as Kestrel spells it.</summary>
    protected abstract string Http2Url(string folder);

    /// <summary>The same address as the gateway's <c>Gateway:Services:*</c> spells it.</summary>
    protected abstract string Destination(string folder);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _service = await ProxiedService.StartAsync($"http://127.0.0.1:{_http1Port}", Http2Url(_folder), healthOnlyOverHttp2: true);
        _gateway = new Http2Gateway(Destination(_folder));
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Proxied_requests_reach_the_service_as_http2_with_the_request_id()
    {
        var client = _gateway!.CreateClient();
        // Several at once: they share the connection as streams.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync("/.well-known/openid-configuration")));
        foreach (var response in answers)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("HTTP/2", (string?)body["protocol"]);
            Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), (string?)body["request_id"]);
        }
    }

    [Fact]
    public async Task The_ordinary_port_still_speaks_http1()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_http1Port}") };
        var body = JsonNode.Parse(await http.GetStringAsync("/.well-known/openid-configuration"))!;
        Assert.Equal("HTTP/1.1", (string?)body["protocol"]);
    }

    [Fact]
    public async Task Active_health_checks_reach_the_http2_endpoint() =>
        // The service's /health answers 505 to anything but HTTP/2.
        Assert.Equal(DestinationHealth.Healthy, await _gateway!.ActiveHealthAsync("authentication"));

    [Fact]
    public async Task A_stopped_service_answers_503_for_its_routes()
    {
        var client = _gateway!.CreateClient();
        using (var before = await client.GetAsync("/.well-known/openid-configuration"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        await _service!.DisposeAsync();
        _service = null;
        // Whatever the pooled connection has seen of the stop by now (its GOAWAY, its end, or nothing yet), the answer is 503:
        // a request lost with its connection is "not answering" (GatewayDestinationFailureTests holds each of those shapes).
        var problem = await (await client.GetAsync("/.well-known/openid-configuration")).Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("authentication", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    /// <summary>The gateway speaking HTTP/2 to the authentication service at <paramref name="destination"/>; the others unreachable.</summary>
    private sealed class Http2Gateway(string destination) : GatewayTests.UnconnectedGateway
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Gateway:Http2", "true");
        }

        protected override string Destination(string service, int nowhere) =>
            service == "authentication" ? destination : base.Destination(service, nowhere);
    }
}

/// <summary>The HTTP/2-only endpoint on a TCP port.</summary>
public sealed class GatewayHttp2TcpTests : GatewayHttp2Tests
{
    private readonly int _port = ChildProcess.FreePort();

    protected override string Http2Url(string folder) => $"http://127.0.0.1:{_port}";

    protected override string Destination(string folder) => $"http://127.0.0.1:{_port}";
}

/// <summary>The HTTP/2-only endpoint on a Unix domain socket.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GatewayHttp2UnixSocketTests : GatewayHttp2Tests
{
    protected override string Http2Url(string folder) => $"http://unix:{Path.Combine(folder, "authentication-h2.sock")}";

    protected override string Destination(string folder) => $"unix:{Path.Combine(folder, "authentication-h2.sock")}";
}
