using System.Text.Json.Nodes;
using BudgetControl.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// A service for the gateway's transport tests: real Kestrel with Hosting's listener set-up (Unix sockets, HTTP/2-only
/// endpoints), no database, two routes: <c>/health</c> and <c>/.well-known/openid-configuration</c> (an authentication
/// route), which answers the protocol it was reached with and the request id it was given; with <c>inFlight</c>, a third:
/// <c>POST /api/auth/authenticate</c> completes it and never answers (a request in flight when the service stops).
/// </summary>
internal static class ProxiedService
{
    /// <param name="urls">Kestrel's <c>urls</c>.</param>
    /// <param name="http2Urls">The service's <c>Http2Urls</c>, if any.</param>
    /// <param name="healthOnlyOverHttp2">Whether <c>/health</c> answers 505 unless reached over HTTP/2 (so a health check proves its protocol).</param>
    /// <param name="inFlight">Completed when a <c>POST /api/auth/authenticate</c> arrives (which then waits until aborted).</param>
    public static async Task<WebApplication> StartAsync(string urls, string? http2Urls = null, bool healthOnlyOverHttp2 = false, TaskCompletionSource? inFlight = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        if (http2Urls is not null)
        {
            builder.Configuration[Http2Listeners.Key] = http2Urls;
        }
        builder.Logging.ClearProviders();
        UnixSocketListeners.AddTo(builder.Services);
        Http2Listeners.AddTo(builder);
        var app = builder.Build();
        app.MapGet("/health", (HttpRequest request) =>
            !healthOnlyOverHttp2 || request.Protocol == "HTTP/2" ? Results.Ok("Healthy") : Results.StatusCode(StatusCodes.Status505HttpVersionNotsupported));
        app.MapGet("/.well-known/openid-configuration", (HttpRequest request) =>
            TypedResults.Json(new JsonObject
            {
                ["protocol"] = request.Protocol,
                ["request_id"] = request.Headers["X-Request-Id"].ToString(),
            }));
        if (inFlight is not null)
        {
            app.MapPost("/api/auth/authenticate", async (HttpContext http) =>
            {
                inFlight.TrySetResult();
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            });
        }
        await app.StartAsync();
        return app;
    }
}
