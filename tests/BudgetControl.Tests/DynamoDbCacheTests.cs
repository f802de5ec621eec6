using System.Net;
using System.Net.Http.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BudgetControl.Hosting.Cache;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;

namespace BudgetControl.Tests;

/// <summary>DynamoDB (a local dynalite) as the cache's L2 instead of Redis (issue 14, item 4).</summary>
public abstract class DynamoDbCacheTests(DynamoApp app)
{
    private async Task<List<string>> KeysAsync()
    {
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = app.Dynalite!.ServiceUrl, AuthenticationRegion = "us-east-1" });
        var items = await client.ScanAsync(new ScanRequest { TableName = DynamoApp.Table });
        return items.Items.Select(i => i["k"].S).ToList();
    }

    private static async Task<List<string>> WalletNamesAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/wallet/list");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Json()).AsArray().Select(w => (string)w!["name"]!).Order().ToList();
    }

    [DynaliteFact]
    public async Task Reads_are_cached_in_dynamodb_invalidated_by_writes_and_served_without_it()
    {
        var cache = app.Service<IDistributedCache>();
        Assert.IsType<DynamoDbCache>(cache);
        await cache.SetAsync("probe", [1, 2, 3], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        Assert.Equal([1, 2, 3], await cache.GetAsync("probe"));
        await cache.SetAsync("stale", [4], new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.Null(await cache.GetAsync("stale"));
        await cache.RemoveAsync("probe");
        Assert.Null(await cache.GetAsync("probe"));

        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync();
        var client = user.Client(ws);
        var before = await WalletNamesAsync(client);
        Assert.Contains(await KeysAsync(), k => k.Contains($"bc:read:{ws:N}:", StringComparison.Ordinal));

        await app.WithDbAsync(db => db.Wallets.Where(w => db.Workspaces.Any(x => x.Uuid == ws && x.Id == w.WorkspaceId))
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.Name, "Renamed behind the cache")));
        Assert.Equal(before, await WalletNamesAsync(client));
        var created = await client.PostAsJsonAsync("/api/wallet/create", new { name = "Savings", type = "bank" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["Renamed behind the cache", "Savings"], await WalletNamesAsync(client));
        Assert.Contains(await KeysAsync(), k => k.StartsWith("bc:wsver:", StringComparison.Ordinal));

        // DynamoDB gone: every request is answered from the database.
        await app.Dynalite!.StopAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/wallet/create", new { name = "Offline", type = "bank" })).StatusCode);
        Assert.Equal(["Offline", "Renamed behind the cache", "Savings"], await WalletNamesAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/stats/total")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/workspace/current")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.Client().GetAsync("/api/auth/check")).StatusCode);
    }
}

public sealed class SqliteDynamoDbCacheTests(SqliteDynamoApp app) : DynamoDbCacheTests(app), IClassFixture<SqliteDynamoApp>;

public sealed class PostgresDynamoDbCacheTests(PostgresDynamoApp app) : DynamoDbCacheTests(app), IClassFixture<PostgresDynamoApp>;
