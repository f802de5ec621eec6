using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using BudgetControl.Hosting;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Model;

namespace BudgetControl.Tests;

/// <summary>
/// The gateway (<c>Modules=gateway</c>, in memory) in front of a service that listens only on a Unix domain socket
/// (real Kestrel with Hosting's listener set-up, <c>urls=http://unix:/path</c>), configured as
/// <c>Gateway:Services:authentication=unix:/path</c>: requests and active health checks go over the socket, the
/// socket file is owner/group only, a file left by a killed process does not stop the start, and a stopped service
/// leaves no file and gets 503 for its routes. No database: one class, not one per provider.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GatewayUnixSocketTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bc-uds-" + Guid.NewGuid().ToString("N")[..8]);
    private string SocketPath => Path.Combine(_folder, "authentication.sock");
    private WebApplication? _service;
    private SocketGateway? _gateway;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        // What a killed process leaves behind: a file at the path that nobody accepts on.
        await File.WriteAllBytesAsync(SocketPath, []);
        _service = await ProxiedService.StartAsync($"http://unix:{SocketPath}");
        _gateway = new SocketGateway(SocketPath);
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
    public async Task Proxies_to_a_service_on_a_unix_socket_with_the_request_id()
    {
        using var response = await _gateway!.CreateClient().GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("HTTP/1.1", (string?)body["protocol"]); // the service listens on the socket only
        // The service saw the gateway's request id, and the client gets the same one back.
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), (string?)body["request_id"]);
    }

    [Fact]
    public async Task Active_health_checks_reach_the_socket()
    {
        Assert.Equal(DestinationHealth.Healthy, await _gateway!.ActiveHealthAsync("authentication"));
        // A service on a closed TCP port in the same gateway is found unhealthy: the checks do judge.
        Assert.Equal(DestinationHealth.Unhealthy, await _gateway.ActiveHealthAsync("workspace"));
    }

    [Fact]
    public void The_socket_replaced_the_stale_file_and_only_its_owner_and_group_may_connect()
    {
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(SocketPath));
        // A socket now (a regular file has a type the connect below would refuse).
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        client.Connect(new UnixDomainSocketEndPoint(SocketPath));
    }

    [Fact]
    public async Task A_stopped_service_leaves_no_socket_file_and_its_routes_answer_503()
    {
        var client = _gateway!.CreateClient();
        using (var before = await client.GetAsync("/.well-known/openid-configuration"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        await _service!.DisposeAsync();
        _service = null;
        Assert.False(File.Exists(SocketPath), "the socket file outlived its server");
        var problem = await (await client.GetAsync("/.well-known/openid-configuration")).Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("authentication", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_that_another_process_serves_is_not_taken_over()
    {
        var second = WebApplication.CreateSlimBuilder();
        second.WebHost.UseUrls($"http://unix:{SocketPath}");
        second.Logging.ClearProviders();
        UnixSocketListeners.AddTo(second.Services);
        await using var app = second.Build();
        await Assert.ThrowsAnyAsync<IOException>(() => app.StartAsync());
        // The first server still answers on it.
        using var response = await _gateway!.CreateClient().GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The gateway with the authentication service on the socket and every other one on a closed TCP port.</summary>
    private sealed class SocketGateway(string socket) : GatewayTests.UnconnectedGateway
    {
        protected override string Destination(string service, int nowhere) =>
            service == "authentication" ? $"unix:{socket}" : base.Destination(service, nowhere);
    }
}

/// <summary>How <c>Gateway:Services:*</c> values become YARP addresses: TCP untouched, sockets by path.</summary>
public sealed class GatewaySocketSettingsTests
{
    [Fact]
    public void Tcp_stays_the_default_and_sockets_get_one_made_up_host_per_path()
    {
        var settings = BudgetControl.Gateway.GatewaySettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Services:wallets"] = "unix:/run/bc/wallets.sock",
            ["Gateway:Services:labels"] = "http://unix:/run/bc/wallets.sock, http://10.0.0.5:8088",
            ["Gateway:Services:entries"] = "http://entries:8086",
        }).Build());

        Assert.Equal(["http://127.0.0.1:8082"], settings.Destinations["workspace"]);
        Assert.Equal(["http://entries:8086"], settings.Destinations["entries"]);
        var host = Assert.Single(settings.UnixSockets);
        Assert.Equal("/run/bc/wallets.sock", host.Value);
        Assert.Equal([$"http://{host.Key}"], settings.Destinations["wallets"]);
        Assert.Equal([$"http://{host.Key}", "http://10.0.0.5:8088"], settings.Destinations["labels"]);
    }

    [Fact]
    public void A_socket_must_be_named_by_its_absolute_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Services:wallets"] = "unix:run/wallets.sock",
        }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => BudgetControl.Gateway.GatewaySettings.From(configuration));
        Assert.Contains("Gateway:Services:wallets", error.Message, StringComparison.Ordinal);
    }
}
