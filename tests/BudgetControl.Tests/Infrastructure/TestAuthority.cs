using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// A stand-in for an AWS Cognito user pool on a loopback port (a tiny Kestrel app): it publishes
/// <c>/.well-known/openid-configuration</c> and its JWKS, and mints RS256 tokens shaped like Cognito's
/// (<c>iss</c>, <c>sub</c>, <c>token_use</c>, <c>client_id</c>, <c>username</c>, <c>exp</c>).
/// </summary>
public sealed class TestAuthority : IAsyncDisposable
{
    public const string ClientId = "bc-web-client";

    /// <summary>Cognito's issuers are <c>https://cognito-idp.{region}.amazonaws.com/{pool id}</c>: a path below the host.</summary>
    private const string PoolPath = "/us-east-1_TestPool";

    private readonly RSA _rsa = RSA.Create(2048);
    private WebApplication? _app;

    private TestAuthority()
    {
        Key = new RsaSecurityKey(_rsa) { KeyId = "pool-key-1" };
    }

    public string Issuer { get; private set; } = "";

    public RsaSecurityKey Key { get; }

    public static async Task<TestAuthority> StartAsync()
    {
        var authority = new TestAuthority();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet(PoolPath + "/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority.Issuer,
            ["jwks_uri"] = authority.Issuer + "/.well-known/jwks.json",
            ["authorization_endpoint"] = authority.Issuer + "/oauth2/authorize",
            ["token_endpoint"] = authority.Issuer + "/oauth2/token",
            ["response_types_supported"] = new[] { "code", "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet(PoolPath + "/.well-known/jwks.json", () =>
        {
            var parameters = authority._rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA", ["kid"] = authority.Key.KeyId, ["use"] = "sig", ["alg"] = "RS256",
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
        });
        await app.StartAsync();
        authority._app = app;
        authority.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + PoolPath;
        return authority;
    }

    /// <summary>A Cognito-shaped token; every part can be made wrong for the refusal tests.</summary>
    public string Mint(string subject, string tokenUse = "access", string clientId = ClientId, string? issuer = null, TimeSpan? expiresIn = null,
        SecurityKey? signWith = null, IReadOnlyDictionary<string, object>? extra = null)
    {
        var now = DateTimeOffset.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(60));
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["token_use"] = tokenUse,
            ["username"] = "user-" + subject[..8],
            ["scope"] = "openid email",
            ["auth_time"] = (expires - TimeSpan.FromHours(1)).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        if (tokenUse == "access")
        {
            claims["client_id"] = clientId;
        }
        else
        {
            claims["aud"] = clientId; // Cognito id tokens name the client as audience and carry no client_id
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, object>())
        {
            claims[key] = value;
        }
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Claims = claims,
            IssuedAt = (expires - TimeSpan.FromHours(1)).UtcDateTime,
            NotBefore = (expires - TimeSpan.FromHours(1)).UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(),
            SigningCredentials = new SigningCredentials(signWith ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _rsa.Dispose();
    }
}

/// <summary>The all-in-one server trusting <see cref="TestAuthority"/> beside its own accounts.</summary>
public abstract class ExternalIdpApp : BudgetApp
{
    public TestAuthority Authority { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Auth:External:Authority", Authority.Issuer),
        new("Auth:External:ClientIds", "some-other-client, " + TestAuthority.ClientId),
        new("Auth:External:RequireHttpsMetadata", "false"),
    ];

    /// <summary>The authority must run before the app is configured with its address.</summary>
    protected override async Task<string> CreateDatabaseAsync()
    {
        Authority = await TestAuthority.StartAsync();
        return await base.CreateDatabaseAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Authority.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A client sending <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token, Guid? workspace = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (workspace is { } ws)
        {
            client.DefaultRequestHeaders.Add("X-WS", ws.ToString());
        }
        return client;
    }
}

public sealed class SqliteExternalIdpApp : ExternalIdpApp
{
    public override BudgetControl.Data.DatabaseProvider Provider => BudgetControl.Data.DatabaseProvider.Sqlite;
}

public sealed class PostgresExternalIdpApp : ExternalIdpApp
{
    public override BudgetControl.Data.DatabaseProvider Provider => BudgetControl.Data.DatabaseProvider.Postgres;
}
