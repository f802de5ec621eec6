using System.Collections.Concurrent;
using BudgetControl.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BudgetControl.Hosting.Sessions;

/// <summary>
/// The authorizations (sessions) that were revoked while access tokens issued under them may still be
/// alive: logout, password reset and refresh-token reuse. Checking a token against it is a dictionary
/// look-up, not a database round trip (issue 9). The database stays the source of truth: the set is loaded
/// at start and reloaded every <see cref="SessionSettings.RevocationRefreshInterval"/>; this process adds
/// its own revocations at once, and with Redis it publishes them (<see cref="Channel"/>) so that every other
/// process adds them within milliseconds (issue 14). While Redis is down the periodic reload is the fallback;
/// when it comes back every process reloads, since messages published meanwhile were lost.
/// </summary>
public sealed class RevokedSessions(DatabaseOptions database, TimeProvider clock, ILogger<RevokedSessions> logger, Cache.SharedRedis? redis = null) : IDisposable
{
    public void Dispose() => _reload.Dispose();

    /// <summary>Redis channel of revocations: "origin|id,id,..." or "origin|" (reload from the database).</summary>
    internal const string Channel = "bc:revocations";

    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recent = new(StringComparer.Ordinal);

    public bool IsRevoked(string authorizationId) => _revoked.ContainsKey(authorizationId);

    /// <summary>Marks sessions revoked in this process at once and tells the other processes.</summary>
    public async Task AddAsync(IEnumerable<string> authorizationIds, CancellationToken ct = default)
    {
        var ids = authorizationIds.ToList();
        Remember(ids);
        await PublishAsync(string.Join(',', ids));
    }

    /// <summary>Reloads at once and tells the other processes (after OpenIddict itself revoked a family on refresh-token reuse).</summary>
    public async Task ReloadAndPublishAsync(CancellationToken ct = default)
    {
        await ReloadAsync(ct);
        await PublishAsync("");
    }

    /// <summary>Listens to the other processes' revocations (with Redis); reloads whenever Redis comes back.</summary>
    internal async Task SubscribeAsync()
    {
        if (redis is null)
        {
            return;
        }
        redis.Reconnected += () => _ = ReloadQuietlyAsync();
        await redis.SubscribeAsync(Channel, OnMessage);
    }

    internal void OnMessage(string message)
    {
        var separator = message.IndexOf('|', StringComparison.Ordinal);
        if (separator < 0 || message.AsSpan(0, separator).SequenceEqual(_origin))
        {
            return;
        }
        var ids = message[(separator + 1)..];
        if (ids.Length == 0)
        {
            _ = ReloadQuietlyAsync();
        }
        else
        {
            Remember(ids.Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>Reloads the set from the database (revoked tokens not yet expired, by authorization).</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await _reload.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var ids = await RevokedAuthorizationsAsync(database, now.UtcDateTime, ct);
            var next = new ConcurrentDictionary<string, byte>(ids.Select(id => KeyValuePair.Create(id, (byte)0)), StringComparer.Ordinal);
            // Keep recent revocations (this process's and those heard from others) in case the reload raced with their commit.
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
            foreach (var id in _recent.Keys)
            {
                next.TryAdd(id, 0);
            }
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>
    /// The authorizations of revoked tokens not yet expired. Plain SQL on a plain connection, not a LINQ query nor
    /// the context's connection: the first load runs before the server answers, and a LINQ query would first build
    /// the whole EF model and compile the query, the context's connection EF Core's services (a few hundred ms of
    /// every start, docs/performance.md); both are built in the background instead (<see cref="WarmUp"/>).
    /// OpenIddict's token table, as its EF Core stores map it.
    /// </summary>
    private static async Task<List<string>> RevokedAuthorizationsAsync(DatabaseOptions database, DateTime utcNow, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT authorization_id FROM "OpenIddictTokens"
            WHERE status = @status AND authorization_id IS NOT NULL AND (expiration_date IS NULL OR expiration_date > @now)
            """;
        var status = command.CreateParameter();
        status.ParameterName = "@status";
        status.Value = Statuses.Revoked;
        command.Parameters.Add(status);
        var now = command.CreateParameter();
        now.ParameterName = "@now";
        now.Value = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
        command.Parameters.Add(now);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private void Remember(IReadOnlyCollection<string> ids)
    {
        var now = clock.GetUtcNow();
        foreach (var id in ids)
        {
            // _recent first: a reload that swaps the set re-adds whatever is in _recent after the swap.
            _recent[id] = now;
            _revoked[id] = 0;
        }
    }

    private async Task ReloadQuietlyAsync()
    {
        try
        {
            await ReloadAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not reload the revoked sessions after a notification; the periodic reload will");
        }
    }

    private async Task PublishAsync(string ids)
    {
        if (redis is not null)
        {
            // False when Redis is down (SharedRedis logged it): the periodic reload still brings the revocation to the others.
            await redis.PublishAsync(Channel, _origin + "|" + ids);
        }
    }
}

/// <summary>Loads the revoked sessions at start and subscribes to the others' revocations, then reloads periodically (the fallback without Redis).</summary>
internal sealed class RevokedSessionsRefresher(RevokedSessions revoked, SessionSettings settings, TimeProvider clock, ILogger<RevokedSessionsRefresher> logger) : BackgroundService
{
    /// <summary>The first load happens before requests are served, so a restart forgets no revocation.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribe first: a revocation published while the set loads is not lost.
        await revoked.SubscribeAsync();
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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.RevocationRefreshInterval, clock, stoppingToken);
                await revoked.ReloadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not reload the revoked sessions; keeping the previous set");
            }
        }
    }
}
