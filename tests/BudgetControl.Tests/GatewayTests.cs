using System.Net;
using System.Net.Sockets;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests;

/// <summary>
/// The gateway process (<c>Modules=gateway</c>) in memory, with its database and every service unreachable: its
/// <c>/health</c> reports the services behind it, not the database (the split suite, SplitTopologyTests, covers the
/// gateway with everything running). One class, not one per provider: only a database server can be unreachable.
/// </summary>
public sealed class GatewayTests : IClassFixture<GatewayTests.UnconnectedGateway>
{
    private readonly UnconnectedGateway _gateway;

    public GatewayTests(UnconnectedGateway gateway) => _gateway = gateway;

    [Fact]
    public async Task Health_does_not_need_the_database()
    {
        var health = await _gateway.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Health_turns_degraded_while_services_have_no_healthy_destination_and_their_routes_answer_503()
    {
        var client = _gateway.CreateClient();
        // Once the active health checks (every second here) have seen the dead services: still 200, but Degraded.
        var degraded = false;
        for (var attempt = 0; attempt < 120 && !degraded; attempt++)
        {
            var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            degraded = await health.Content.ReadAsStringAsync() == "Degraded";
            if (!degraded)
            {
                await Task.Delay(250);
            }
        }
        Assert.True(degraded, "/health never reported the dead services");
        var problem = await (await client.GetAsync("/.well-known/openid-configuration")).Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("authentication", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    /// <summary>The gateway alone, every service on a closed port (unless <see cref="Destination"/> says otherwise).</summary>
    public class UnconnectedGateway : WebApplicationFactory<Program>
    {
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "bc-test-gw-" + Guid.NewGuid().ToString("N")[..12]);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            var nowhere = ClosedPort();
            builder.UseSetting("Modules", "gateway");
            builder.UseSetting("BudgetControl:DataDirectory", _dataDirectory);
            builder.UseSetting("ConnectionStrings:Postgres", $"Host=127.0.0.1;Port={nowhere};Username=postgres;Database=none;Timeout=2");
            builder.UseSetting("Database:MigrateOnStart", "false");
            builder.UseSetting("Auth:Authority", $"http://127.0.0.1:{nowhere}/");
            builder.UseSetting("Gateway:HealthCheckInterval", "00:00:01");
            // The unreachable database is the point: its connection errors are expected, not worth a log line.
            foreach (var category in new[] { "Default", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "OpenIddict" })
            {
                builder.UseSetting($"Logging:LogLevel:{category}", "None");
            }
            foreach (var service in BudgetControl.Gateway.RouteTable.Services)
            {
                builder.UseSetting($"Gateway:Services:{service.Name}", Destination(service.Name, nowhere));
            }
        }

        /// <summary>The destination of <paramref name="service"/>: by default a closed TCP port.</summary>
        protected virtual string Destination(string service, int nowhere) => $"http://127.0.0.1:{nowhere}";

        /// <summary>Starts the gateway and waits (up to 30 s) for the first active health check of <paramref name="service"/>'s one destination.</summary>
        public async Task<Yarp.ReverseProxy.Model.DestinationHealth> ActiveHealthAsync(string service)
        {
            CreateClient().Dispose(); // starts the gateway
            var proxy = Services.GetRequiredService<Yarp.ReverseProxy.IProxyStateLookup>();
            Assert.True(proxy.TryGetCluster(service, out var cluster));
            var destination = Assert.Single(cluster.Destinations.Values);
            for (var attempt = 0; attempt < 120 && destination.Health.Active == Yarp.ReverseProxy.Model.DestinationHealth.Unknown; attempt++)
            {
                await Task.Delay(250);
            }
            return destination.Health.Active;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }

        private static int ClosedPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
