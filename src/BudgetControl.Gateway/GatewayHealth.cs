using BudgetControl.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace BudgetControl.Gateway;

/// <summary>
/// The gateway's <c>/health</c>: what nginx and the swarm ask is whether the gateway forwards, and to which services.
/// The database check of the other processes is left out: the gateway reads the database only to renew an expired
/// token and to reload the revoked sessions, and a database that is down must not take the edge out of rotation
/// (or get it restarted) while the services answer what they can. A service without a healthy destination makes
/// the answer Degraded (still HTTP 200, naming the service): the gateway answers 503 for that service's routes only.
/// </summary>
internal sealed class DestinationsHealthCheck(IProxyStateLookup proxy) : IHealthCheck
{
    public static void AddTo(IServiceCollection services)
    {
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var database in o.Registrations.Where(r => r.Name == ServiceDefaults.DatabaseHealthCheckName).ToList())
            {
                o.Registrations.Remove(database);
            }
        });
        services.AddHealthChecks().AddCheck<DestinationsHealthCheck>("destinations");
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = proxy.GetClusters()
            .Where(cluster => cluster.DestinationsState.AvailableDestinations.Count == 0)
            .Select(cluster => cluster.ClusterId)
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"No healthy destination for: {string.Join(", ", down)}"));
    }
}
