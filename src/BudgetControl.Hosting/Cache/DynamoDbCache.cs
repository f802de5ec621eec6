using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BudgetControl.Hosting.Cache;

/// <summary>The DynamoDB cache's settings (<c>Cache:DynamoDb:*</c>); null when no table is named.</summary>
public sealed record DynamoDbCacheOptions(string Table, string? ServiceUrl, string? Region, string? AccessKey, string? SecretKey, bool CreateTable, TimeSpan Timeout)
{
    public static DynamoDbCacheOptions? From(IConfiguration c) =>
        c["Cache:DynamoDb:Table"] is { Length: > 0 } table
            ? new DynamoDbCacheOptions(table,
                Blank(c["Cache:DynamoDb:ServiceUrl"]),
                Blank(c["Cache:DynamoDb:Region"]),
                Blank(c["Cache:DynamoDb:AccessKey"]),
                Blank(c["Cache:DynamoDb:SecretKey"]),
                bool.TryParse(c["Cache:DynamoDb:CreateTable"], out var create) && create,
                TimeSpan.TryParse(c["Cache:DynamoDb:Timeout"], CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(2))
            : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>
/// HybridCache's L2 on DynamoDB, for deployments without Redis (AWS). One table, partition key <c>k</c> (string):
/// <c>v</c> holds the value, <c>exp</c> the expiry in Unix seconds (enable DynamoDB's TTL on it so expired items
/// are deleted; reads ignore them anyway), <c>sl</c> a sliding window, <c>n</c> a counter (the workspace read
/// versions). Every failure is a cache miss or a skipped write, logged, never an error of the request; calls give
/// up after <c>Cache:DynamoDb:Timeout</c> with one retry, so an unreachable DynamoDB costs a request little.
/// DynamoDB has no pub/sub: with it alone, revocations reach other processes by the periodic reload.
/// </summary>
public sealed class DynamoDbCache : IDistributedCache, IDisposable
{
    private readonly DynamoDbCacheOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<DynamoDbCache> _logger;
    private readonly AmazonDynamoDBClient _client;
    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _tableReady;

    public DynamoDbCache(DynamoDbCacheOptions options, TimeProvider clock, ILogger<DynamoDbCache> logger)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
        var config = new AmazonDynamoDBConfig { Timeout = options.Timeout, MaxErrorRetry = 1 };
        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (options.Region is not null)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        _client = options.AccessKey is not null && options.SecretKey is not null
            ? new AmazonDynamoDBClient(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config)
            : new AmazonDynamoDBClient(config);
        _tableReady = !options.CreateTable;
    }

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        try
        {
            await EnsureTableAsync(token);
            var item = (await _client.GetItemAsync(new GetItemRequest { TableName = _options.Table, Key = Key(key), ConsistentRead = true }, token)).Item;
            if (item is null || item.Count == 0 || !item.TryGetValue("v", out var value) || value.B is null)
            {
                return null;
            }
            var now = _clock.GetUtcNow().ToUnixTimeSeconds();
            if (Expiry(item) is { } exp && exp <= now)
            {
                return null;
            }
            if (item.TryGetValue("sl", out var sliding) && long.TryParse(sliding.N, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                await TouchAsync(key, now + seconds, token);
            }
            return value.B.ToArray();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            _logger.LogWarning("DynamoDB cache unavailable while reading: {Error}", ex.Message);
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var now = _clock.GetUtcNow();
        DateTimeOffset? absolute = options.AbsoluteExpiration ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : null);
        var sliding = options.SlidingExpiration;
        var expires = sliding is { } window && (absolute is null || now + window < absolute) ? now + window : absolute;
        var item = Key(key);
        item["v"] = new AttributeValue { B = new MemoryStream(value) };
        if (expires is { } at)
        {
            item["exp"] = Number(at.ToUnixTimeSeconds());
        }
        if (sliding is { } s)
        {
            item["sl"] = Number((long)s.TotalSeconds);
        }
        try
        {
            await EnsureTableAsync(token);
            await _client.PutItemAsync(new PutItemRequest { TableName = _options.Table, Item = item }, token);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            _logger.LogWarning("DynamoDB cache unavailable while writing: {Error}", ex.Message);
        }
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default) => await GetAsync(key, token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        try
        {
            await EnsureTableAsync(token);
            await _client.DeleteItemAsync(new DeleteItemRequest { TableName = _options.Table, Key = Key(key) }, token);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            _logger.LogWarning("DynamoDB cache unavailable while removing: {Error}", ex.Message);
        }
    }

    /// <summary>Adds one to counter <paramref name="key"/> and returns the new value; null when DynamoDB is unreachable.</summary>
    public async Task<long?> IncrementAsync(string key, TimeSpan expiry)
    {
        try
        {
            await EnsureTableAsync(default);
            var response = await _client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _options.Table,
                Key = Key(key),
                UpdateExpression = "ADD n :one SET #exp = :exp",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#exp"] = "exp" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":one"] = Number(1),
                    [":exp"] = Number((_clock.GetUtcNow() + expiry).ToUnixTimeSeconds()),
                },
                ReturnValues = ReturnValue.UPDATED_NEW,
            });
            return long.Parse(response.Attributes["n"].N, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            _logger.LogWarning("DynamoDB cache unavailable while counting: {Error}", ex.Message);
            return null;
        }
    }

    /// <summary>Counter <paramref name="key"/> (0 when absent); null when DynamoDB is unreachable.</summary>
    public async Task<long?> ReadCounterAsync(string key)
    {
        try
        {
            await EnsureTableAsync(default);
            var item = (await _client.GetItemAsync(new GetItemRequest { TableName = _options.Table, Key = Key(key), ConsistentRead = true })).Item;
            return item is not null && item.TryGetValue("n", out var n) && long.TryParse(n.N, CultureInfo.InvariantCulture, out var value) ? value : 0;
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            return null;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _creating.Dispose();
    }

    private async Task TouchAsync(string key, long expires, CancellationToken token) =>
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _options.Table,
            Key = Key(key),
            UpdateExpression = "SET #exp = :exp",
            ConditionExpression = "attribute_exists(k)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#exp"] = "exp" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":exp"] = Number(expires) },
        }, token);

    /// <summary>With <c>Cache:DynamoDb:CreateTable</c> (local servers, tests), creates the table on first use.</summary>
    private async Task EnsureTableAsync(CancellationToken token)
    {
        if (_tableReady)
        {
            return;
        }
        await _creating.WaitAsync(token);
        try
        {
            if (_tableReady)
            {
                return;
            }
            try
            {
                await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _options.Table }, token);
            }
            catch (ResourceNotFoundException)
            {
                try
                {
                    await _client.CreateTableAsync(new CreateTableRequest
                    {
                        TableName = _options.Table,
                        AttributeDefinitions = [new AttributeDefinition { AttributeName = "k", AttributeType = ScalarAttributeType.S }],
                        KeySchema = [new KeySchemaElement { AttributeName = "k", KeyType = KeyType.HASH }],
                        BillingMode = BillingMode.PAY_PER_REQUEST,
                    }, token);
                }
                catch (ResourceInUseException)
                {
                    // Another process created it first.
                }
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    var table = await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _options.Table }, token);
                    if (table.Table.TableStatus == TableStatus.ACTIVE)
                    {
                        break;
                    }
                    await Task.Delay(100, token);
                }
            }
            _tableReady = true;
        }
        finally
        {
            _creating.Release();
        }
    }

    private static long? Expiry(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue("exp", out var exp) && long.TryParse(exp.N, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    private static Dictionary<string, AttributeValue> Key(string key) => new() { ["k"] = new AttributeValue { S = key } };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static bool IsUnavailable(Exception ex) => ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
        or TaskCanceledException { InnerException: TimeoutException } or TimeoutException;
}
