using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using BudgetControl.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenIddict.Validation.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace BudgetControl.Hosting;

/// <summary>Cross-cutting setup shared by every BudgetControl process, in one place.</summary>
public static class ServiceDefaults
{
    /// <summary>The name of the database check of <c>/health</c> (the gateway replaces it with its destinations' check).</summary>
    public const string DatabaseHealthCheckName = "database";

    /// <summary>
    /// JSON, problem details, OpenAPI, health, telemetry, cache, database, mail, tenancy and access-token
    /// validation. <paramref name="localIssuer"/> is true when this process also issues tokens (the
    /// authentication module runs in it); otherwise tokens are validated against <c>Auth:Authority</c>.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, bool localIssuer)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var paths = AppPaths.From(configuration);
        var keys = new KeyRing(configuration, paths);
        builder.Host.Properties[typeof(KeyRing)] = keys;
        services.AddSingleton(paths);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(keys);
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<MembershipCache>();
        services.AddMemoryCache();
        services.AddSingleton<Api.WorkspaceInfoCache>();
        var sessionSettings = Sessions.SessionSettings.From(configuration);
        services.AddSingleton(sessionSettings);
        // Redis (optional): one connection for the L2 cache, revocation messages and workspace read versions.
        var redis = configuration.GetConnectionString("Redis");
        var useRedis = !string.IsNullOrWhiteSpace(redis);
        if (useRedis)
        {
            services.AddSingleton(sp => new Cache.SharedRedis(redis!,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Cache.SharedRedis>>()));
        }
        var dynamo = useRedis ? null : Cache.DynamoDbCacheOptions.From(configuration);
        services.AddSingleton(sp => new Cache.WorkspaceVersions(sp.GetService<Cache.SharedRedis>(), sp.GetService<Cache.DynamoDbCache>()));
        services.AddSingleton(new Cache.ReadCacheSettings(Cache.WorkspaceReads.Lifetime(configuration)));
        services.AddSingleton(sp => new Sessions.RevokedSessions(
            sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Sessions.RevokedSessions>>(),
            sp.GetService<Cache.SharedRedis>()));
        services.AddHostedService<Sessions.RevokedSessionsRefresher>();
        services.AddSingleton<Sessions.SlidingSessions>();
        services.AddSingleton(MailOptions.Load(configuration));
        services.AddSingleton<IMailSender, MailSender>();
        services.AddSingleton<Mail.MailDispatchSignal>();
        services.AddSingleton<Mail.MailOutbox>();

        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.Converters.Add(new Api.LenientBooleanConverter());
            o.SerializerOptions.Converters.Add(new Api.OptionalConverterFactory());
            o.SerializerOptions.Converters.Add(new Api.StorableStringConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["request_id"] = c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(o => o.AddSchemaTransformer(Api.OptionalSchema.TransformAsync));
        Clients.ClientCors.AddClientCors(services, configuration);

        services.AddBudgetDatabase(DatabaseOptions.From(configuration, paths.DataDirectory));
        services.AddSingleton<DatabaseHealthCheck>();
        services.AddHostedService<WarmUp>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheckName);

        if (useRedis)
        {
            AddRedisCache(services);
        }
        else if (dynamo is not null)
        {
            // Without Redis, DynamoDB can be the L2 (and hold the read versions); revocations then use the periodic reload.
            services.AddSingleton(dynamo);
            services.AddSingleton<Cache.DynamoDbCache>();
            services.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache>(sp => sp.GetRequiredService<Cache.DynamoDbCache>());
        }
        services.AddHybridCache();

        services.AddOpenIddict().AddValidation(o =>
        {
            if (localIssuer)
            {
                o.UseLocalServer();
            }
            else
            {
                var authority = configuration["Auth:Authority"]
                    ?? throw new InvalidOperationException("Auth:Authority must name the token issuer when the authentication module runs elsewhere.");
                o.SetIssuer(authority);
                if (configuration["Auth:MetadataAddress"] is { Length: > 0 } metadata)
                {
                    // Inside the cluster the discovery document is fetched from the service, not the public URL.
                    o.Configure(options => options.ConfigurationEndpoint = new Uri(metadata));
                }
                o.UseSystemNetHttp();
            }
            o.UseAspNetCore();
            // Logout, password reset and refresh-token reuse revoke the session: its access tokens are refused
            // from an in-memory set (no database round trip per request, issue 9) instead of OpenIddict's
            // token-entry and authorization-entry validation.
            o.AddEventHandler(Sessions.RejectRevokedSessions.Descriptor);
        });
        var validation = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        if (Sessions.ExternalAuthority.From(configuration) is { } external)
        {
            // Tokens of an external OIDC authority (a Cognito user pool) are accepted beside the built-in ones.
            external.AddTo(services);
            validation = Sessions.ExternalAuthority.ForwardingScheme;
        }
        // The default scheme answers a token validated before from memory and asks the real validation otherwise.
        services.AddSingleton(sp => new Sessions.ValidatedTokens(validation, Sessions.ValidatedTokens.Size(configuration),
            sp.GetRequiredService<Sessions.RevokedSessions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddAuthentication(Sessions.ValidatedTokens.Scheme)
            .AddScheme<AuthenticationSchemeOptions, Sessions.CachedBearerHandler>(Sessions.ValidatedTokens.Scheme, _ => { });
        // OpenIddict's validation joins a request only when that request needs it (Sessions/ValidationOnDemand.cs).
        services.AddSingleton<IAuthenticationSchemeProvider, Sessions.ValidationOnDemand>();
        services.AddAuthorization();
        TrustedProxies.AddTo(services, configuration);
        // `urls=http://unix:/path`: a socket file that survives a kill and has the right permissions.
        UnixSocketListeners.AddTo(services);
        // `Http2Urls`: endpoints speaking HTTP/2 with prior knowledge, for the gateway's hop.
        Http2Listeners.AddTo(builder);

        var permitsPerMinute = int.TryParse(configuration["RateLimiting:PermitsPerMinute"], out var p) ? p : 1200;
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            if (permitsPerMinute > 0)
            {
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    RateLimitPartition.GetFixedWindowLimiter(
                        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            }
            o.OnRejected = async (context, token) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "Slow down and try again in a minute." },
                });
            };
        });

        if (ExportsTelemetry(configuration))
        {
            // Traces and metrics are recorded only when they are exported: without an exporter, the SDK's listener
            // tagged every request's Activity and fed every instrument for nobody (docs/performance.md, issue 14).
            // dotnet-counters and dotnet-trace read the runtime's meters and events without it.
            AddTelemetryExport(services);
        }
        return builder;
    }

    // The optional pieces' types are named only in methods of their own, run when the piece is configured: the runtime
    // loads the assemblies a method names when it prepares the method, even for a branch that never runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddRedisCache(IServiceCollection services)
    {
        services.AddStackExchangeRedisCache(o => o.InstanceName = "budgetcontrol:");
        services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>()
            .Configure<Cache.SharedRedis>((o, shared) => o.ConnectionMultiplexerFactory = shared.ConnectionAsync);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddTelemetryExport(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .WithTracing(t => t.AddAspNetCoreInstrumentation())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation())
            .UseOtlpExporter();

    /// <summary>
    /// Whether traces and metrics are exported (an OTLP endpoint is configured). Modules register their own meters
    /// with OpenTelemetry only then; dotnet-counters reads every meter without it.
    /// </summary>
    public static bool ExportsTelemetry(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary>The process's token keys, for modules that configure token issuing.</summary>
    public static KeyRing GetKeyRing(this WebApplicationBuilder builder) =>
        builder.Host.Properties.TryGetValue(typeof(KeyRing), out var keys) && keys is KeyRing ring
            ? ring
            : throw new InvalidOperationException("Call AddServiceDefaults before adding modules.");

    /// <summary>Edge middleware in the order every process applies it.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        if (TrustedProxies.Configured(app.Services))
        {
            // First: the rate limiter, the logs and the handlers see the client's address, not the proxy's.
            app.UseForwardedHeaders();
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers["X-Request-Id"].ToString();
            if (incoming.Length is > 0 and <= 128)
            {
                context.TraceIdentifier = incoming;
            }
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            if (context.Request.Headers.ContainsKey(Api.Idempotency.HeaderName))
            {
                // The idempotency filter fingerprints the body after binding has read it.
                context.Request.EnableBuffering();
            }
            await next(context);
        });
        app.UseRateLimiter();
        // Authentication also renews an expired token of a live session (Sessions/ValidatedTokens.cs, SlidingSessions).
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(Tenancy.ResolveScopeAsync);
        app.Use(Cache.WorkspaceReads.ServeAsync);
        return app;
    }

    /// <summary><c>/health</c> (database reachable), <c>/alive</c>, the OpenAPI document and the API page.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health").DisableRateLimiting();
        app.MapHealthChecks("/alive", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapOpenApi();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("BudgetControl API"));
        return app;
    }
}

/// <summary>
/// Whether the database answers. The answer is reused for <see cref="Freshness"/>, so that a load balancer
/// polling <c>/health</c> costs less than any API call and never queues behind the database.
/// </summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes, TimeProvider clock) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _probe = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_last is { } last && clock.GetUtcNow() - last.At < Freshness)
        {
            return last.Result;
        }
        await _probe.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } again && clock.GetUtcNow() - again.At < Freshness)
            {
                return again.Result;
            }
            await using var scope = scopes.CreateAsyncScope();
            var result = await CanConnectAsync(scope.ServiceProvider.GetRequiredService<DatabaseOptions>(), cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
            _last = (result, clock.GetUtcNow());
            return result;
        }
        finally
        {
            _probe.Release();
        }
    }

    public void Dispose() => _probe.Dispose();

    /// <summary>
    /// Opens a plain connection: the first <c>/health</c> of a fresh process does not wait for EF Core's services
    /// (built in the background by <see cref="WarmUp"/>).
    /// </summary>
    private static async Task<bool> CanConnectAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }
}
