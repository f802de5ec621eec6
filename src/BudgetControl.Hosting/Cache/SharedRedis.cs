using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BudgetControl.Hosting.Cache;

/// <summary>
/// The process's one connection to Redis (<c>ConnectionStrings:Redis</c>), and the only place that talks to
/// Redis directly: the distributed cache (HybridCache's L2) runs on this connection, revocations travel over its
/// pub/sub, and the per-workspace read versions are counters here. Redis is never the source of truth: the
/// connection fails fast while Redis is down (no request waits for it) and reconnects by itself.
/// </summary>
public sealed class SharedRedis : IAsyncDisposable
{
    private readonly ConfigurationOptions _options;
    private readonly ILogger<SharedRedis> _logger;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly Dictionary<string, Action<string>> _handlers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private int _down;

    public SharedRedis(string configuration, ILogger<SharedRedis> logger)
    {
        _options = ConfigurationOptions.Parse(configuration);
        // Start without Redis and keep retrying in the background; while it is down, commands fail at once
        // instead of queueing until a timeout, so requests fall back to the database without waiting.
        _options.AbortOnConnectFail = false;
        _options.BacklogPolicy = BacklogPolicy.FailFast;
        _logger = logger;
        _connection = new(ConnectAsync);
    }

    /// <summary>Raised after the connection came back: whatever was published meanwhile was missed.</summary>
    public event Action? Reconnected;

    /// <summary>The multiplexer, for the distributed cache (<c>RedisCacheOptions.ConnectionMultiplexerFactory</c>).</summary>
    public Task<IConnectionMultiplexer> ConnectionAsync() => _connection.Value;

    /// <summary>Publishes <paramref name="message"/> to every process subscribed to <paramref name="channel"/>; false when Redis is down.</summary>
    public async Task<bool> PublishAsync(string channel, string message)
    {
        try
        {
            var redis = await ConnectionAsync();
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), message);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _logger.LogWarning("Redis unavailable while publishing on {Channel}: {Error}", channel, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> with each message on <paramref name="channel"/> (one handler per channel).
    /// While Redis is down the subscription is made again once it is back.
    /// </summary>
    public async Task SubscribeAsync(string channel, Action<string> handler)
    {
        lock (_handlers)
        {
            _handlers[channel] = handler;
        }
        await EnsureSubscribedAsync();
    }

    /// <summary>Increments a counter and returns its new value; null when Redis is down.</summary>
    public async Task<long?> IncrementAsync(string key, TimeSpan expiry)
    {
        try
        {
            var db = (await ConnectionAsync()).GetDatabase();
            var value = await db.StringIncrementAsync(key);
            await db.KeyExpireAsync(key, expiry, flags: CommandFlags.FireAndForget);
            return value;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _logger.LogWarning("Redis unavailable while incrementing {Key}: {Error}", key, ex.Message);
            return null;
        }
    }

    /// <summary>The counter's value (0 when it does not exist); null when Redis is down.</summary>
    public async Task<long?> ReadCounterAsync(string key)
    {
        try
        {
            var value = await (await ConnectionAsync()).GetDatabase().StringGetAsync(key);
            return value.IsNull ? 0 : (long)value;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            try
            {
                await (await _connection.Value).DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                // The distributed cache may have closed it first.
            }
        }
        _subscribing.Dispose();
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(_options);
        if (!redis.IsConnected)
        {
            MarkDown(null);
        }
        redis.ConnectionFailed += (_, e) => MarkDown(e.Exception);
        redis.ConnectionRestored += (_, _) =>
        {
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                _logger.LogWarning("Redis is reachable again: revocations and cache invalidations travel through it once more");
            }
            _ = Task.Run(async () =>
            {
                await EnsureSubscribedAsync();
                Reconnected?.Invoke();
            });
        };
        return redis;
    }

    private void MarkDown(Exception? error)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            _logger.LogWarning(error,
                "Redis is unreachable: revocations reach the other processes only through the periodic reload (Auth:RevocationRefreshInterval) or when their tokens expire, and cached reads go to the database");
        }
    }

    private async Task EnsureSubscribedAsync()
    {
        await _subscribing.WaitAsync();
        try
        {
            List<KeyValuePair<string, Action<string>>> pending;
            lock (_handlers)
            {
                pending = _handlers.Where(h => !_subscribed.Contains(h.Key)).ToList();
            }
            var subscriber = (await ConnectionAsync()).GetSubscriber();
            foreach (var (channel, handler) in pending)
            {
                await subscriber.SubscribeAsync(RedisChannel.Literal(channel), (_, message) => handler(message.ToString()));
                _subscribed.Add(channel);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            MarkDown(ex);
        }
        finally
        {
            _subscribing.Release();
        }
    }
}
