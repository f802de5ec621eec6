using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetControl.Hosting.Cache;

/// <summary>
/// A version number per workspace, bumped by every write to the workspace. Cached reads put it in their keys,
/// so a write makes every older answer unreachable in every process at once, and no process can serve a read
/// that is older than a write it could have seen (issue 14). With Redis the numbers are Redis counters shared
/// by every process (or DynamoDB counters when DynamoDB is the L2); without either (all-in-one) they live in memory. When Redis is down the version is unknown
/// and reads are not cached at all; a bump that failed is made again when Redis is back.
/// </summary>
public sealed class WorkspaceVersions
{
    /// <summary>Longer than any cached read lives, so a counter that expires cannot bring an old key back.</summary>
    private static readonly TimeSpan CounterLifetime = TimeSpan.FromDays(2);

    private readonly SharedRedis? _redis;
    private readonly DynamoDbCache? _dynamo;
    private readonly ConcurrentDictionary<int, long> _local = new();
    private readonly ConcurrentDictionary<int, byte> _missed = new();

    public WorkspaceVersions(SharedRedis? redis = null, DynamoDbCache? dynamo = null)
    {
        _redis = redis;
        _dynamo = dynamo;
        if (redis is not null)
        {
            redis.Reconnected += () => _ = BumpMissedAsync();
        }
    }

    /// <summary>The workspace's current version; null when it cannot be known (Redis down): do not cache then.</summary>
    public async Task<long?> CurrentAsync(int workspaceId) =>
        _redis is not null ? await _redis.ReadCounterAsync(Key(workspaceId))
        : _dynamo is not null ? await _dynamo.ReadCounterAsync(Key(workspaceId))
        : _local.GetValueOrDefault(workspaceId);

    /// <summary>Call after a write to the workspace has committed (and before its answer is sent).</summary>
    public async Task BumpAsync(int workspaceId)
    {
        if (_redis is not null)
        {
            if (await _redis.IncrementAsync(Key(workspaceId), CounterLifetime) is null)
            {
                _missed[workspaceId] = 0;
            }
        }
        else if (_dynamo is not null)
        {
            // DynamoDB says nothing when it comes back: a missed bump is left to Cache:ReadLifetime.
            await _dynamo.IncrementAsync(Key(workspaceId), CounterLifetime);
        }
        else
        {
            _local.AddOrUpdate(workspaceId, 1, (_, v) => v + 1);
        }
    }

    private async Task BumpMissedAsync()
    {
        foreach (var id in _missed.Keys)
        {
            if (_missed.TryRemove(id, out _))
            {
                await BumpAsync(id);
            }
        }
    }

    private static string Key(int workspaceId) => "bc:wsver:" + workspaceId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a cached read answered: replayed byte for byte.</summary>
public sealed record CachedResponse(int Status, string? ContentType, string? ETag, byte[] Body);

/// <summary>
/// Caching of workspace-scoped reads (HybridCache: memory, then Redis or DynamoDB when configured). An endpoint
/// opts in with <see cref="CacheReads{TBuilder}"/>; its successful GET answers are kept under a key made of the
/// workspace, the workspace's <see cref="WorkspaceVersions">version</see>, the user, the user's role and the
/// request's path and query, so an answer can reach neither another user nor another workspace, nor outlive a
/// write. Every write under <see cref="Tenancy.RequireWorkspace"/> bumps the version (a filter added there), as do
/// the writes that happen elsewhere (workspace settings, the jobs worker). The cache is never the source of truth:
/// when it fails, the request is answered from the database.
/// </summary>
public static class WorkspaceReads
{
    private const int MaxCachedBytes = 512 * 1024;

    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <summary>Caches this endpoint's (or group's) GET answers per workspace, user and version.</summary>
    public static TBuilder CacheReads<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(CacheReadsMetadata.Instance);
        return builder;
    }

    /// <summary>How long a cached read lives at most (<c>Cache:ReadLifetime</c>), bounding answers that change with the clock.</summary>
    public static TimeSpan Lifetime(IConfiguration configuration) =>
        TimeSpan.TryParse(configuration["Cache:ReadLifetime"], CultureInfo.InvariantCulture, out var lifetime) && lifetime >= TimeSpan.Zero
            ? lifetime
            : TimeSpan.FromMinutes(1);

    /// <summary>
    /// Marks endpoints that only read although not sent as GET (the search is a POST): they do not bump the workspace's
    /// version, which would make every cached read of the workspace unreachable after each of them.
    /// </summary>
    public static TBuilder OnlyReads<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(OnlyReadsMetadata.Instance);
        return builder;
    }

    /// <summary>Endpoint filter of <see cref="Tenancy.RequireWorkspace"/>: a write bumps the workspace's version before its answer goes out.</summary>
    internal static async ValueTask<object?> BumpAfterWriteAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await next(context);
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
            && http.GetEndpoint()?.Metadata.GetMetadata<OnlyReadsMetadata>() is null
            && http.Items[WorkspaceScope.ItemKey] is WorkspaceScope scope)
        {
            await http.RequestServices.GetRequiredService<WorkspaceVersions>().BumpAsync(scope.WorkspaceId);
        }
        return result;
    }

    /// <summary>Middleware (after tenancy): answers an opted-in GET from the cache, or runs it and keeps a 200 answer.</summary>
    internal static async Task ServeAsync(HttpContext http, RequestDelegate next)
    {
        if (!HttpMethods.IsGet(http.Request.Method)
            || http.Items[WorkspaceScope.ItemKey] is not WorkspaceScope scope
            || http.GetEndpoint()?.Metadata.GetMetadata<CacheReadsMetadata>() is null
            || http.Request.Headers.IfNoneMatch.Count > 0)
        {
            await next(http);
            return;
        }
        var services = http.RequestServices;
        var settings = services.GetRequiredService<ReadCacheSettings>();
        if (settings.Lifetime <= TimeSpan.Zero || await services.GetRequiredService<WorkspaceVersions>().CurrentAsync(scope.WorkspaceId) is not { } version)
        {
            await next(http);
            return;
        }
        var cache = services.GetRequiredService<HybridCache>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkspaceReads));
        var key = Key(http, scope, version);
        CachedResponse? cached = null;
        try
        {
            cached = await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult<CachedResponse?>(null), ReadOnly, cancellationToken: http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Cache unavailable; answering {Path} from the database", http.Request.Path);
        }
        if (cached is not null)
        {
            http.Response.StatusCode = cached.Status;
            http.Response.ContentType = cached.ContentType;
            if (cached.ETag is { Length: > 0 } etag)
            {
                http.Response.Headers.ETag = etag;
            }
            http.Response.ContentLength = cached.Body.Length;
            await http.Response.Body.WriteAsync(cached.Body, http.RequestAborted);
            return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        var body = buffer.ToArray();
        if (http.Response.StatusCode == StatusCodes.Status200OK && body.Length <= MaxCachedBytes)
        {
            try
            {
                await cache.SetAsync(key, new CachedResponse(200, http.Response.ContentType, http.Response.Headers.ETag.ToString(), body),
                    new HybridCacheEntryOptions { Expiration = settings.Lifetime, LocalCacheExpiration = settings.Lifetime }, cancellationToken: http.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Cache unavailable; {Path} was answered without caching it", http.Request.Path);
            }
        }
        await original.WriteAsync(body, http.RequestAborted);
    }

    private static string Key(HttpContext http, WorkspaceScope scope, long version)
    {
        // Everything the answer depends on besides the data: workspace (and its version), user, role, the request.
        var request = http.Request.Path.Value + "?" + http.Request.QueryString.Value + "|" + http.Request.Headers.AcceptLanguage.ToString();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request)));
        return string.Create(CultureInfo.InvariantCulture,
            $"bc:read:{scope.WorkspaceUuid:N}:{version}:{scope.UserUuid:N}:{(int)scope.Role}:{hash}");
    }
}

/// <summary>Marks endpoints whose GET answers are cached (<see cref="WorkspaceReads.CacheReads{TBuilder}"/>).</summary>
public sealed class CacheReadsMetadata
{
    internal static readonly CacheReadsMetadata Instance = new();

    private CacheReadsMetadata()
    {
    }
}

/// <summary>Marks endpoints that only read whatever their method (<see cref="WorkspaceReads.OnlyReads{TBuilder}"/>).</summary>
public sealed class OnlyReadsMetadata
{
    internal static readonly OnlyReadsMetadata Instance = new();

    private OnlyReadsMetadata()
    {
    }
}

/// <summary>The read cache's settings, read once.</summary>
internal sealed record ReadCacheSettings(TimeSpan Lifetime);
