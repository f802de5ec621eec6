using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace BudgetControl.Gateway;

/// <summary>
/// The gateway of the split topology (<c>Modules=gateway</c>, port 8081): a YARP reverse proxy whose routes
/// and clusters come from <see cref="RouteTable"/>. It validates access tokens with the same setup as every
/// process (AddServiceDefaults), limits requests per user, forwards a request id and W3C trace context, answers
/// RFC 9457 problem details when a service is down, and health-checks the services (actively and passively).
/// The services still validate every token themselves.
/// </summary>
public static class GatewayModule
{
    public static WebApplicationBuilder AddGatewayModule(this WebApplicationBuilder builder)
    {
        var settings = GatewaySettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (settings.InlineScheduling)
        {
            // The gateway's work per request is short and never blocks: running it where the socket's data arrives saves
            // a hand-off to the thread pool per read (docs/operations.md, "Runtime settings").
            builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = true);
        }
        builder.Services.AddSingleton<PerUserRateLimit>();
        DestinationsHealthCheck.AddTo(builder.Services);
        builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(o =>
        {
            // One refused connection on a quiet service is enough to stop sending it traffic until it is re-checked.
            o.MinimalTotalCountThreshold = 1;
            o.DefaultFailureRateLimit = 0.5;
            // YARP keeps a destination out for the longer of the reactivation period and this window (60 s by default),
            // so that old failures do not take it out again at once: the window is the period, so a restarted service
            // gets traffic again after Gateway:ReactivationPeriod, as configured.
            o.DetectionWindowSize = settings.ReactivationPeriod;
        });
        var proxy = builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyConfiguration.Routes(), ProxyConfiguration.Clusters(settings))
            .AddTransforms(ProxyConfiguration.AddTransforms);
        if (settings.UnixSockets.Count > 0)
        {
            // Forwarded requests and the active health checks share this client: both reach the socket.
            proxy.ConfigureHttpClient((_, handler) => handler.ConnectCallback = new UnixSocketConnector(settings.UnixSockets).ConnectAsync);
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapGatewayModule(this IEndpointRouteBuilder app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(GatewayEdge.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}

/// <summary>
/// Gateway settings (<c>Gateway:*</c>, docs/development.md). <see cref="Destinations"/> are YARP's addresses: a
/// configured <c>unix:/path</c> (or Kestrel's spelling, <c>http://unix:/path</c>) becomes <c>http://unix-N</c>, a
/// made-up host that <see cref="UnixSockets"/> maps to the socket's path.
/// </summary>
internal sealed record GatewaySettings(
    IReadOnlyDictionary<string, string[]> Destinations,
    IReadOnlyDictionary<string, string> UnixSockets,
    int PermitsPerUserPerMinute,
    TimeSpan HealthCheckInterval,
    TimeSpan ReactivationPeriod,
    bool InlineScheduling,
    bool Http2)
{
    public static GatewaySettings From(IConfiguration configuration)
    {
        var sockets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string Address(string service, string configured)
        {
            var path = configured.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) ? configured["unix:".Length..]
                : configured.StartsWith("http://unix:", StringComparison.OrdinalIgnoreCase) ? configured["http://unix:".Length..]
                : null;
            if (path is null)
            {
                return configured;
            }
            if (!Path.IsPathFullyQualified(path))
            {
                throw new InvalidOperationException($"Gateway:Services:{service}: '{configured}' must name a socket by its absolute path (unix:/run/budgetcontrol/{service}.sock).");
            }
            // One made-up host per socket: services on one socket share its connection pool, as they would share a URL.
            var host = sockets.FirstOrDefault(s => s.Value == path).Key ?? $"unix-{sockets.Count}";
            sockets[host] = path;
            return $"http://{host}";
        }
        var destinations = RouteTable.Services.ToDictionary(
            s => s.Name,
            s => configuration[$"Gateway:Services:{s.Name}"] is { Length: > 0 } configured
                ? configured.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(address => Address(s.Name, address)).ToArray()
                : [$"http://127.0.0.1:{s.Port}"],
            StringComparer.OrdinalIgnoreCase);
        return new GatewaySettings(
            destinations,
            sockets,
            int.TryParse(configuration["Gateway:PermitsPerUserPerMinute"], CultureInfo.InvariantCulture, out var permits) ? permits : 600,
            Span(configuration["Gateway:HealthCheckInterval"], TimeSpan.FromSeconds(5)),
            Span(configuration["Gateway:ReactivationPeriod"], TimeSpan.FromSeconds(10)),
            configuration.GetValue("Gateway:InlineScheduling", false),
            configuration.GetValue("Gateway:Http2", false));
    }

    private static TimeSpan Span(string? text, TimeSpan fallback) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero ? value : fallback;
}

/// <summary>YARP's routes and clusters, built from <see cref="RouteTable"/>.</summary>
internal static class ProxyConfiguration
{
    public const string AnonymousPolicy = "anonymous";
    public const string AuthenticatedPolicy = "default";

    public static IReadOnlyList<RouteConfig> Routes() =>
        RouteTable.Routes.Select((route, index) => new RouteConfig
        {
            RouteId = $"{route.Service}-{index}",
            ClusterId = route.Service,
            AuthorizationPolicy = route.Anonymous ? AnonymousPolicy : AuthenticatedPolicy,
            Match = new RouteMatch { Path = route.Path },
        }).ToList();

    public static IReadOnlyList<ClusterConfig> Clusters(GatewaySettings settings) =>
        RouteTable.Services.Select(service => new ClusterConfig
        {
            ClusterId = service.Name,
            // HTTP/2 with prior knowledge (h2c): the services' Http2Urls endpoints. Without it YARP's default (2.0 or lower)
            // is HTTP/1.1 on a cleartext destination. The active health checks follow the same setting.
            HttpRequest = settings.Http2
                ? new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact }
                : null,
            Destinations = settings.Destinations[service.Name]
                .Select((address, i) => (Key: $"{service.Name}-{i}", Value: new DestinationConfig { Address = address }))
                .ToDictionary(d => d.Key, d => d.Value),
            HealthCheck = new HealthCheckConfig
            {
                // Only destinations that answer (or are not known to fail): no traffic to a dead process.
                AvailableDestinationsPolicy = "HealthyAndUnknown",
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = settings.HealthCheckInterval,
                    Timeout = TimeSpan.FromSeconds(2),
                    Policy = "ConsecutiveFailures",
                    Path = "/health",
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = "TransportFailureRate",
                    ReactivationPeriod = settings.ReactivationPeriod,
                },
            },
        }).ToList();

    public static void AddTransforms(TransformBuilderContext context)
    {
        // Of YARP's default X-Forwarded-* headers the services read only the client's address (TrustedProxies in
        // Hosting: the gateway's own ForwardedHeaders step has already put it in RemoteIpAddress); Proto, Host and
        // Prefix would be work on every request for nobody.
        context.UseDefaultForwarders = false;
        context.AddXForwardedFor(action: ForwardedTransformActions.Set);
        context.AddRequestTransform(transform =>
        {
            // The edge's request id (Hosting takes a client's X-Request-Id or makes one) goes to the service,
            // whose logs and problem details then carry the same id; traceparent is added by YARP's propagator.
            transform.ProxyRequest.Headers.Remove("X-Request-Id");
            transform.ProxyRequest.Headers.TryAddWithoutValidation("X-Request-Id", transform.HttpContext.TraceIdentifier);
            // CORS is answered here, once: without Origin the service adds no second set of CORS headers.
            transform.ProxyRequest.Headers.Remove("Origin");
            return ValueTask.CompletedTask;
        });
        context.AddResponseTransform(transform =>
        {
            transform.HttpContext.Response.Headers["X-Request-Id"] = transform.HttpContext.TraceIdentifier;
            return ValueTask.CompletedTask;
        });
    }
}

/// <summary>Per-user rate limit and problem details for unreachable services, around every proxied request.</summary>
internal static class GatewayEdge
{
    // RequestDelegate, not Func<Task>: the Func<Task> overload of Use allocates a closure and a delegate per request.
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        using var lease = await http.RequestServices.GetRequiredService<PerUserRateLimit>().AcquireAsync(http);
        if (!lease.IsAcquired)
        {
            if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            await WriteProblemAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests", "Slow down and try again in a minute.");
            return;
        }

        await next(http);

        var error = http.Features.Get<IForwarderErrorFeature>();
        if (error is null || http.Response.HasStarted)
        {
            return;
        }
        var service = http.GetRouteModel()?.Config.ClusterId ?? "the service";
        var (status, title) = error.Error switch
        {
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "Gateway timeout"),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled => (499, "Request canceled"),
            _ when DestinationFailure.IsNotAnswering(error) => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
            _ => (StatusCodes.Status502BadGateway, "Bad gateway"),
        };
        if (status == 499)
        {
            return;
        }
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "5";
        }
        await WriteProblemAsync(http, status, title, status == StatusCodes.Status503ServiceUnavailable
            ? $"The {service} service is not answering. Try again in a few seconds."
            : $"The {service} service did not answer properly.");
    }

    private static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>
/// The gateway's rule for a forward that failed (docs/operations.md, "When a service stops answering"). The service is not
/// answering (503 with Retry-After) when no destination is available, when no connection could be made (refused, no such
/// socket or host), or when the connection was lost before the response's headers arrived (reset or closed; with HTTP/2
/// the connection's end): a process stopping or stopped. That holds whatever the request's method; the gateway never sends
/// a request again (the service may have acted on it), SocketsHttpHandler does only when the transport knows the service did
/// not process it. Anything else is the service answering badly (502): a malformed status line or header block, an HTTP/2
/// protocol error or a stream the service reset while its connection lives on, a response cut after its headers.
/// </summary>
internal static class DestinationFailure
{
    public static bool IsNotAnswering(IForwarderErrorFeature error) => error.Error switch
    {
        ForwarderError.NoAvailableDestinations => true,
        ForwarderError.Request or ForwarderError.RequestBodyDestination => IsLostConnection(error.Exception),
        _ => false,
    };

    private static bool IsLostConnection(Exception? exception) => exception switch
    {
        // YARP reports a request body that could not be written together with the send's own exception.
        AggregateException all => all.InnerExceptions.Any(IsLostConnection),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ResponseEnded } => true,
        // The transport resending a request the service did not take (an HTTP/2 stream above the last id of the service's
        // GOAWAY, REFUSED_STREAM, a pooled HTTP/1.1 connection found closed): YARP streams a request's body once, so one with
        // a body cannot go again ("Stream was already consumed").
        HttpRequestException { HttpRequestError: HttpRequestError.Unknown, InnerException: InvalidOperationException } => true,
        HttpRequestException { HttpRequestError: HttpRequestError.Unknown or HttpRequestError.HttpProtocolError, InnerException: { } inner } => IsLostConnection(inner),
        HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } => true,
        // HTTP/2: the service sent a graceful GOAWAY (NO_ERROR) and closed the connection before answering this stream: a
        // service going away (stopping, draining) is not answering; a stream reset with an error code is a bad answer.
        HttpProtocolException { ErrorCode: 0 } => true,
        // Any other HttpIOException is a bad answer: an invalid response, an HTTP/2 protocol error or stream reset.
        HttpIOException => false,
        // A reset or broken pipe (under "Unable to read/write data", or HTTP/2's "The request was aborted").
        SocketException => true,
        IOException { InnerException: { } inner } => IsLostConnection(inner),
        _ => false,
    };
}

/// <summary>
/// Fixed-window limit per signed-in user (the token's subject). It runs inside the proxy pipeline, after
/// authentication, because the partition is the validated user. Anonymous routes are not limited here: the
/// per-address limit of every process (the client's address, from trusted proxies: Hosting's TrustedProxies) and
/// nginx's limit them, and the authentication module limits password hashing itself.
/// </summary>
internal sealed class PerUserRateLimit(GatewaySettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        settings.PermitsPerUserPerMinute > 0 && http.User.FindFirstValue("sub") is { } user
            ? RateLimitPartition.GetFixedWindowLimiter(
                user,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitsPerUserPerMinute, Window = TimeSpan.FromMinutes(1) })
            : RateLimitPartition.GetNoLimiter(string.Empty));

    public ValueTask<RateLimitLease> AcquireAsync(HttpContext http) => _limiter.AcquireAsync(http, 1, http.RequestAborted);

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Opens the gateway's connections to its destinations (SocketsHttpHandler's <c>ConnectCallback</c>, set only when some
/// destination is a Unix socket): a made-up <c>unix-N</c> host connects to its socket's path; any other host by TCP, as
/// SocketsHttpHandler does without a callback (Nagle off). On one host a Unix socket skips the loopback TCP stack's work
/// per request (docs/performance.md, "Unix domain sockets between the gateway and the services").
/// </summary>
internal sealed class UnixSocketConnector(IReadOnlyDictionary<string, string> sockets)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var unix = sockets.TryGetValue(context.DnsEndPoint.Host, out var path);
        var socket = unix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(unix ? new UnixDomainSocketEndPoint(path!) : context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
