using System.Net;
using System.Net.Http.Json;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace BudgetControl.Tests;

/// <summary>
/// What the gateway (in memory) answers when the connection to a service fails, one test per way it can fail, each against a
/// destination that fails in exactly that way: <see cref="FailingDestination"/> (a raw socket listener), or a real Kestrel
/// service stopped while the request is in flight. One class per transport: HTTP/1.1 or HTTP/2, TCP or a Unix socket. The
/// rule (docs/operations.md, "When a service stops answering"): a connection refused, or lost before the response's headers,
/// is the service not answering: 503 problem details with Retry-After, and passive health takes the destination out of
/// rotation; a response that is malformed or cut after its headers is the service answering badly: 502. No database.
/// </summary>
public abstract class GatewayDestinationFailureTests : IAsyncLifetime
{
    private const string GetRoute = "/.well-known/openid-configuration";
    private const string PostRoute = "/api/auth/authenticate";
    private readonly List<IAsyncDisposable> _owned = [];

    protected GatewayDestinationFailureTests() => Folder = Path.Combine(Path.GetTempPath(), "bc-gwf-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Whether the gateway speaks HTTP/2 (prior knowledge) to the service.</summary>
    protected abstract bool Http2 { get; }

    /// <summary>Whether the service is reached over a Unix domain socket instead of TCP.</summary>
    protected abstract bool UnixSocket { get; }

    /// <summary>A folder of the test's own, for its sockets.</summary>
    protected string Folder { get; }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
        Directory.Delete(Folder, recursive: true);
    }

    [Fact]
    public async Task A_refused_connection_answers_503()
    {
        var gateway = Gateway(UnixSocket ? $"unix:{Path.Combine(Folder, "stopped.sock")}" : $"http://127.0.0.1:{ChildProcess.FreePort()}");
        await AssertNotAnsweringAsync(gateway, await gateway.CreateClient().GetAsync(GetRoute));
    }

    [Fact]
    public async Task A_connection_reset_before_the_response_answers_503()
    {
        var (gateway, service) = Failing(DestinationFailureShape.Reset);
        await AssertNotAnsweringAsync(gateway, await gateway.CreateClient().GetAsync(GetRoute), service);
    }

    [Fact]
    public async Task A_connection_closed_before_the_response_answers_503()
    {
        var (gateway, service) = Failing(DestinationFailureShape.Close);
        await AssertNotAnsweringAsync(gateway, await gateway.CreateClient().GetAsync(GetRoute), service);
    }

    [Fact]
    public async Task A_post_whose_connection_is_lost_answers_503_and_is_not_sent_again()
    {
        var (gateway, service) = Failing(DestinationFailureShape.Reset);
        await AssertNotAnsweringAsync(gateway, await gateway.CreateClient().PostAsJsonAsync(PostRoute, SignIn), service);
        // The service may have acted on it: neither the gateway nor its transport sends it again.
        Assert.Equal(1, service.Requests);
    }

    [Fact]
    public async Task A_service_stopped_with_the_request_in_flight_answers_503()
    {
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var socket = Path.Combine(Folder, "authentication.sock");
        var port = ChildProcess.FreePort();
        var (urls, http2Urls, destination) = (Http2, UnixSocket) switch
        {
            (false, false) => ($"http://127.0.0.1:{port}", (string?)null, $"http://127.0.0.1:{port}"),
            (false, true) => ($"http://unix:{socket}", null, $"unix:{socket}"),
            (true, false) => ($"http://127.0.0.1:{ChildProcess.FreePort()}", $"http://127.0.0.1:{port}", $"http://127.0.0.1:{port}"),
            (true, true) => ($"http://127.0.0.1:{port}", $"http://unix:{socket}", $"unix:{socket}"),
        };
        var service = await ProxiedService.StartAsync(urls, http2Urls, inFlight: inFlight);
        _owned.Add(service);
        var gateway = Gateway(destination);
        var answer = gateway.CreateClient().PostAsJsonAsync(PostRoute, SignIn);
        await inFlight.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Stopping with no time to drain: Kestrel ends the request's connection (HTTP/2: after a GOAWAY that keeps the stream).
        await service.StopAsync(new CancellationToken(canceled: true));
        await AssertNotAnsweringAsync(gateway, await answer);
    }

    [Fact]
    public async Task A_destination_taken_out_gets_traffic_again_after_the_reactivation_period()
    {
        var socket = Path.Combine(Folder, "authentication.sock");
        var port = ChildProcess.FreePort();
        var destination = UnixSocket ? $"unix:{socket}" : $"http://127.0.0.1:{port}";
        var gateway = Gateway(destination, reactivation: TimeSpan.FromSeconds(1));
        await AssertNotAnsweringAsync(gateway, await gateway.CreateClient().GetAsync(GetRoute));

        // The service comes back: after Gateway:ReactivationPeriod (not YARP's 60-second failure window) it gets traffic.
        var listen = UnixSocket ? $"http://unix:{socket}" : $"http://127.0.0.1:{port}";
        var service = Http2
            ? await ProxiedService.StartAsync($"http://127.0.0.1:{ChildProcess.FreePort()}", listen)
            : await ProxiedService.StartAsync(listen, null);
        _owned.Add(service);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (gateway.AuthenticationHealth().Passive == DestinationHealth.Unhealthy && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.NotEqual(DestinationHealth.Unhealthy, gateway.AuthenticationHealth().Passive);
        using var response = await gateway.CreateClient().GetAsync(GetRoute);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_malformed_response_answers_502()
    {
        var (gateway, _) = Failing(DestinationFailureShape.Malformed);
        await AssertAnsweredBadlyAsync(await gateway.CreateClient().GetAsync(GetRoute));
    }

    [Fact]
    public async Task A_response_cut_after_its_headers_answers_502()
    {
        var (gateway, _) = Failing(DestinationFailureShape.HeadersOnly);
        await AssertAnsweredBadlyAsync(await gateway.CreateClient().GetAsync(GetRoute));
    }

    private protected static object SignIn => new { email = "someone@example.com", password = "not-relevant" };

    private protected (FailingGateway Gateway, FailingDestination Service) Failing(DestinationFailureShape shape)
    {
        var service = FailingDestination.Start(shape, Http2, UnixSocket ? Path.Combine(Folder, "authentication.sock") : null);
        _owned.Add(service);
        return (Gateway(service.Destination), service);
    }

    private protected FailingGateway Gateway(string destination, TimeSpan? reactivation = null)
    {
        var gateway = new FailingGateway(destination, Http2, reactivation);
        _owned.Add(gateway);
        return gateway;
    }

    /// <summary>503 problem details naming the service, Retry-After, and the destination out of rotation: the next request is not sent to it.</summary>
    private protected static async Task AssertNotAnsweringAsync(FailingGateway gateway, HttpResponseMessage response, FailingDestination? service = null)
    {
        await AssertServiceUnavailableAsync(response);
        Assert.Equal(DestinationHealth.Unhealthy, gateway.AuthenticationHealth().Passive);
        var sent = service?.Requests;
        await AssertServiceUnavailableAsync(await gateway.CreateClient().GetAsync(GetRoute));
        Assert.Equal(sent, service?.Requests);
    }

    private static async Task AssertServiceUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await response.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Service unavailable", (string?)problem["title"]);
        Assert.Contains("authentication", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    private protected static async Task AssertAnsweredBadlyAsync(HttpResponseMessage response)
    {
        var problem = await response.Problem(HttpStatusCode.BadGateway);
        Assert.Equal("Bad gateway", (string?)problem["title"]);
        Assert.Contains("authentication", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Null(response.Headers.RetryAfter);
    }

    /// <summary>
    /// The gateway with the authentication service at <paramref name="destination"/> (the others unreachable). Active health
    /// checks only at the start: the failure under test, not a probe, decides what the gateway answers.
    /// </summary>
    private protected sealed class FailingGateway(string destination, bool http2, TimeSpan? reactivation) : GatewayTests.UnconnectedGateway
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Gateway:HealthCheckInterval", "01:00:00");
            builder.UseSetting("Gateway:Http2", http2 ? "true" : "false");
            if (reactivation is { } period)
            {
                builder.UseSetting("Gateway:ReactivationPeriod", period.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        protected override string Destination(string service, int nowhere) =>
            service == "authentication" ? destination : base.Destination(service, nowhere);

        public DestinationHealthState AuthenticationHealth()
        {
            Assert.True(Services.GetRequiredService<IProxyStateLookup>().TryGetCluster("authentication", out var cluster));
            return Assert.Single(cluster.Destinations.Values).Health;
        }
    }
}

/// <summary>The HTTP/2-only shapes: a GOAWAY and a stream reset.</summary>
public abstract class GatewayHttp2DestinationFailureTests : GatewayDestinationFailureTests
{
    protected override bool Http2 => true;

    [Fact]
    public async Task A_get_that_a_goaway_names_unprocessed_is_resent_by_the_transport()
    {
        var (gateway, service) = Failing(DestinationFailureShape.GoAwayUnprocessed);
        using var response = await gateway.CreateClient().GetAsync("/.well-known/openid-configuration");
        // SocketsHttpHandler knows the service did not process it: it sent it again on a new connection, which answered.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, service.Requests);
        Assert.True(service.Connections >= 2, $"{service.Connections} connection(s)");
    }

    [Fact]
    public async Task A_post_that_a_goaway_names_unprocessed_answers_503()
    {
        var (gateway, service) = Failing(DestinationFailureShape.GoAwayUnprocessed);
        // The transport tries to resend it, but YARP streamed the body once and cannot replay it: not answering, try again.
        await AssertNotAnsweringAsync(gateway, await gateway.CreateClient().PostAsJsonAsync("/api/auth/authenticate", SignIn), service);
        Assert.Equal(1, service.Requests);
    }

    [Fact]
    public async Task A_request_a_closing_service_kept_but_never_answered_answers_503()
    {
        var (gateway, service) = Failing(DestinationFailureShape.GoAwayKeptThenClosed);
        // A graceful GOAWAY, then the connection closed before the answer: a service going away, not a bad answer.
        await AssertNotAnsweringAsync(gateway, await gateway.CreateClient().PostAsJsonAsync("/api/auth/authenticate", SignIn), service);
        Assert.Equal(1, service.Requests);
    }

    [Fact]
    public async Task A_stream_reset_by_a_live_service_answers_502()
    {
        var (gateway, _) = Failing(DestinationFailureShape.StreamReset);
        await AssertAnsweredBadlyAsync(await gateway.CreateClient().GetAsync("/.well-known/openid-configuration"));
    }
}

public sealed class GatewayHttp1TcpFailureTests : GatewayDestinationFailureTests
{
    protected override bool Http2 => false;

    protected override bool UnixSocket => false;
}

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GatewayHttp1UnixSocketFailureTests : GatewayDestinationFailureTests
{
    protected override bool Http2 => false;

    protected override bool UnixSocket => true;
}

public sealed class GatewayHttp2TcpFailureTests : GatewayHttp2DestinationFailureTests
{
    protected override bool UnixSocket => false;
}

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GatewayHttp2UnixSocketFailureTests : GatewayHttp2DestinationFailureTests
{
    protected override bool UnixSocket => true;
}
