using System.Collections.Concurrent;
using System.Globalization;
using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BudgetControl.Hosting.Sessions;

/// <summary>
/// The authorizations (sessions) that were revoked while access tokens issued under them may still be
/// alive: logout, password reset and refresh-token reuse. Checking a token against it is a dictionary
/// look-up, not a database round trip (issue 9). The database stays the source of truth: the set is loaded
/// at start and reloaded every <see cref="SessionSettings.RevocationRefreshInterval"/>; this process adds
/// its own revocations at once, and with a distributed cache (Redis) it bumps a stamp that other processes
/// poll every second, so they reload within seconds.
/// </summary>
public sealed class RevokedSessions(IServiceScopeFactory scopes, TimeProvider clock, SessionSettings settings, ILogger<RevokedSessions> logger, IDistributedCache? shared = null) : IDisposable
{
    public void Dispose() => _reload.Dispose();

    internal const string StampKey = "bc:revocations:stamp";

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recent = new(StringComparer.Ordinal);

    public bool IsRevoked(string authorizationId) => _revoked.ContainsKey(authorizationId);

    /// <summary>Marks sessions revoked in this process at once and tells the other processes.</summary>
    public async Task AddAsync(IEnumerable<string> authorizationIds, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        foreach (var id in authorizationIds)
        {
            _revoked[id] = 0;
            _recent[id] = now;
        }
        await PublishAsync(ct);
    }

    /// <summary>Reloads at once and tells the other processes (after OpenIddict itself revoked a family on refresh-token reuse).</summary>
    public async Task ReloadAndPublishAsync(CancellationToken ct = default)
    {
        await ReloadAsync(ct);
        await PublishAsync(ct);
    }

    /// <summary>Reloads the set from the database (revoked tokens not yet expired, by authorization).</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await _reload.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
            var utcNow = now.UtcDateTime;
            var ids = await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
                .Where(t => t.Status == Statuses.Revoked && t.Authorization != null && (t.ExpirationDate == null || t.ExpirationDate > utcNow))
                .Select(t => t.Authorization!.Id!)
                .Distinct()
                .ToListAsync(ct);
            var next = new ConcurrentDictionary<string, byte>(ids.Select(id => KeyValuePair.Create(id, (byte)0)), StringComparer.Ordinal);
            // Keep this process's own recent revocations in case the reload raced with their commit.
            foreach (var (id, at) in _recent)
            {
                if (now - at < TimeSpan.FromMinutes(1))
                {
                    next[id] = 0;
                }
                else
                {
                    _recent.TryRemove(id, out _);
                }
            }
            _revoked = next;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>The stamp other processes compare; null without a distributed cache.</summary>
    internal async Task<string?> ReadStampAsync(CancellationToken ct)
    {
        if (shared is null)
        {
            return null;
        }
        try
        {
            return await shared.GetStringAsync(StampKey, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Distributed cache unavailable while reading the revocation stamp");
            return null;
        }
    }

    internal bool HasSharedCache => shared is not null;

    private async Task PublishAsync(CancellationToken ct)
    {
        if (shared is null)
        {
            return;
        }
        try
        {
            await shared.SetStringAsync(StampKey, clock.GetUtcNow().Ticks.ToString(CultureInfo.InvariantCulture) + ":" + Guid.NewGuid().ToString("N"),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = settings.RefreshTokenLifetime }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The periodic reload still brings the revocation to the other processes.
            logger.LogWarning(ex, "Distributed cache unavailable while publishing a revocation");
        }
    }
}

/// <summary>Loads the revoked sessions at start, then keeps them fresh (periodic reload, and the shared stamp when there is one).</summary>
internal sealed class RevokedSessionsRefresher(RevokedSessions revoked, SessionSettings settings, TimeProvider clock, ILogger<RevokedSessionsRefresher> logger) : BackgroundService
{
    /// <summary>The first load happens before requests are served, so a restart forgets no revocation.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await revoked.ReloadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not load the revoked sessions at start (database not migrated yet?); retrying in the background");
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastReload = clock.GetUtcNow();
        string? lastStamp = null;
        var tick = revoked.HasSharedCache ? TimeSpan.FromSeconds(1) : settings.RevocationRefreshInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var stamp = await revoked.ReadStampAsync(stoppingToken);
                var now = clock.GetUtcNow();
                if (now - lastReload >= settings.RevocationRefreshInterval || stamp != lastStamp)
                {
                    await revoked.ReloadAsync(stoppingToken);
                    lastReload = now;
                    lastStamp = stamp;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not reload the revoked sessions; keeping the previous set");
            }
            try
            {
                await Task.Delay(tick, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
