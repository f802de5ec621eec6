using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Hosting.Clients;

/// <summary>
/// Cross-origin access for the original web app (served from its own origin) and the Capacitor mobile
/// app. One policy, the same in every process: the origins of <c>Cors:Origins</c> (default: the public
/// URL and the Capacitor origins), the client's headers and methods, and the response headers it reads.
/// No credentials are allowed: the clients send bearer tokens, never cookies.
/// </summary>
public static class ClientCors
{
    /// <summary>Origins of the Capacitor app: iOS (<c>capacitor://localhost</c>) and Android (<c>http://localhost</c>).</summary>
    public static readonly string[] CapacitorOrigins = ["capacitor://localhost", "http://localhost"];

    public static readonly string[] RequestHeaders =
    [
        "Authorization", SessionTokens.HeaderName, Tenancy.WorkspaceHeader, "Content-Type", Api.Idempotency.HeaderName,
        "If-Match", "If-None-Match", "X-Request-Id", "Accept", "Accept-Language", "X-Requested-With",
    ];

    public static readonly string[] ExposedHeaders = ["Authorization", SessionTokens.HeaderName, "ETag", "Location", "X-Request-Id"];

    public static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static void AddClientCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = OriginMatcher.From(configuration);
        var maxAge = TimeSpan.TryParse(configuration["Cors:PreflightMaxAge"], CultureInfo.InvariantCulture, out var age) ? age : TimeSpan.FromHours(2);
        services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.AnyOrigin)
            {
                // Safe only because credentials are never allowed (no cookies): "*" with credentials is refused by browsers and by us.
                p.AllowAnyOrigin();
            }
            else
            {
                p.SetIsOriginAllowed(origins.IsAllowed);
            }
            p.WithMethods(Methods)
                .WithHeaders(RequestHeaders)
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(maxAge);
        }));
        services.AddTransient<IStartupFilter, ClientEdgeStartupFilter>();
    }
}

/// <summary>
/// Runs in front of every other middleware (including the login and refresh adapters registered by the
/// authentication module): doubled slashes are collapsed, then CORS answers preflights and decorates answers.
/// </summary>
internal sealed class ClientEdgeStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(DoubleSlashes.CollapseAsync);
        app.UseCors();
        next(app);
    };
}

/// <summary>Origins allowed by <c>Cors:Origins</c>: exact origins, <c>*</c>, or a port wildcard such as <c>http://localhost:*</c>.</summary>
internal sealed class OriginMatcher
{
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _anyPort = [];

    public bool AnyOrigin { get; private set; }

    public static OriginMatcher From(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Cors:Origins").Get<string[]>();
        if (configured is null or { Length: 0 } && configuration["Cors:Origins"] is { Length: > 0 } text)
        {
            configured = text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        var matcher = new OriginMatcher();
        var origins = configured is { Length: > 0 }
            ? configured
            : [configuration["BudgetControl:PublicUrl"] ?? "http://localhost:8080", .. ClientCors.CapacitorOrigins];
        foreach (var origin in origins.Select(o => o.Trim().TrimEnd('/')).Where(o => o.Length > 0))
        {
            if (origin == "*")
            {
                matcher.AnyOrigin = true;
            }
            else if (origin.EndsWith(":*", StringComparison.Ordinal))
            {
                matcher._anyPort.Add(origin[..^2]);
            }
            else if (Uri.TryCreate(origin, UriKind.Absolute, out var uri))
            {
                // The origin a browser sends: scheme://host[:port], without path; default ports are omitted.
                matcher._exact.Add(uri.IsDefaultPort || uri.Port < 0 ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}");
            }
        }
        return matcher;
    }

    public bool IsAllowed(string origin)
    {
        if (_exact.Contains(origin))
        {
            return true;
        }
        foreach (var prefix in _anyPort)
        {
            if (origin.Equals(prefix, StringComparison.OrdinalIgnoreCase)
                || (origin.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase) && int.TryParse(origin.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return true;
            }
        }
        return false;
    }
}
