using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace BudgetControl.Server;

/// <summary>
/// Serves the built Vue app (web/dist, copied next to the binaries as <c>web/</c> by the build) at <c>/</c>:
/// hashed assets with a one-year immutable cache, everything else revalidated, and index.html for any
/// other non-API path so the app's own router handles deep links. The API, docs and health routes win.
/// </summary>
internal static class WebApp
{
    private static readonly string[] ServerPrefixes = ["/api", "/connect", "/.well-known", "/openapi", "/api-docs", "/health", "/alive"];

    /// <summary>The folder of the built app: <c>WebApp:Root</c>, else <c>web/</c> beside the binaries.</summary>
    public static string? Root(IConfiguration configuration)
    {
        var root = configuration["WebApp:Root"] ?? Path.Combine(AppContext.BaseDirectory, "web");
        return File.Exists(Path.Combine(root, "index.html")) ? Path.GetFullPath(root) : null;
    }

    /// <summary>Static files first in the pipeline, so they cost no rate-limit permits, tokens or tenancy.</summary>
    public static void UseWebAppFiles(this WebApplication app, string root)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = context =>
            {
                var path = context.Context.Request.Path;
                context.Context.Response.Headers[HeaderNames.CacheControl] =
                    path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
    }

    /// <summary>The SPA fallback: index.html for GETs of paths that are not the server's and not files.</summary>
    public static void MapWebAppFallback(this WebApplication app, string root)
    {
        var index = Path.Combine(root, "index.html");
        app.MapFallback(async context =>
        {
            var path = context.Request.Path;
            var isServerPath = ServerPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                || isServerPath || path.StartsWithSegments("/assets") || Path.HasExtension(path.Value))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            await context.Response.SendFileAsync(index);
        }).ExcludeFromDescription().DisableRateLimiting();
    }
}
