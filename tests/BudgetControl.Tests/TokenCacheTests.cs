using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BudgetControl.Data;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace BudgetControl.Tests;

/// <summary>
/// Issue 9, the fixed cost of an authenticated request: a token is validated once per process and then answered
/// from memory (Hosting/Sessions/ValidatedTokens.cs), while logout and refresh-token reuse still refuse it at once.
/// </summary>
public abstract class TokenCacheTests(TokenCountingApp app)
{
    private HttpClient Bearer(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_token_is_validated_once_and_later_requests_are_answered_from_memory()
    {
        var user = await app.NewUserAsync();
        var client = Bearer(user.AccessToken);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/check")).StatusCode);
        }
        Assert.Equal(1, app.Validations(user.AccessToken));
    }

    [Fact]
    public async Task A_cached_token_is_refused_on_the_next_call_after_logout()
    {
        var user = await app.NewUserAsync();
        var other = await app.SignInAsync(user.Email, BudgetApp.Password);
        var client = Bearer(user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/check")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/check")).StatusCode);
        Assert.Equal(1, app.Validations(user.AccessToken)); // the second call came from the cache

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/logout")).StatusCode);
        await (await client.GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
        // The other device's session, cached as well, goes on.
        Assert.Equal(HttpStatusCode.OK, (await Bearer(other.AccessToken).GetAsync("/api/auth/check")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(other.AccessToken).GetAsync("/api/auth/check")).StatusCode);
    }

    [Fact]
    public async Task Refresh_token_reuse_refuses_the_cached_access_tokens_of_the_family()
    {
        var user = await app.NewUserAsync();
        var anonymous = app.Anonymous();
        var rotated = await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).Json();
        var access = Bearer((string)rotated["token"]!);
        Assert.Equal(HttpStatusCode.OK, (await access.GetAsync("/api/auth/check")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await access.GetAsync("/api/auth/check")).StatusCode);

        await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).Problem(HttpStatusCode.Unauthorized);
        await (await access.GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tampered_copy_of_a_cached_token_is_still_refused()
    {
        var user = await app.NewUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await Bearer(user.AccessToken).GetAsync("/api/auth/check")).StatusCode);
        var parts = user.AccessToken.Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{parts[1]}.{new string(signature)}";
        await (await Bearer(tampered).GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
    }
}

/// <summary>The all-in-one server with a probe that counts how often OpenIddict validates each token.</summary>
public abstract class TokenCountingApp : BudgetApp
{
    public int Validations(string token) => Service<ValidationCounter>().Counts.GetValueOrDefault(token);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddOpenIddict().AddValidation(o => o.AddEventHandler(ValidationCounter.Descriptor)));
    }

    public sealed class ValidationCounter : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<ValidationCounter>()
                .SetOrder(int.MinValue + 100_000)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Token is { Length: > 0 } token)
            {
                Counts.AddOrUpdate(token, 1, (_, n) => n + 1);
            }
            return default;
        }
    }
}

public sealed class SqliteTokenCountingApp : TokenCountingApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresTokenCountingApp : TokenCountingApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class SqliteTokenCacheTests(SqliteTokenCountingApp app) : TokenCacheTests(app), IClassFixture<SqliteTokenCountingApp>;

public sealed class PostgresTokenCacheTests(PostgresTokenCountingApp app) : TokenCacheTests(app), IClassFixture<PostgresTokenCountingApp>;
