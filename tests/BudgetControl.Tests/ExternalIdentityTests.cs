using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace BudgetControl.Tests;

/// <summary>
/// An external OIDC authority shaped like an AWS Cognito user pool is trusted beside the built-in one
/// (issue 14): its access tokens are checked (discovery, JWKS, issuer, token_use, client_id, expiry,
/// signature) and their subject becomes a local user on first sight.
/// </summary>
public abstract class ExternalIdentityTests(ExternalIdpApp app)
{
    private static async Task<Guid> CheckAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/auth/check");
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return Guid.Parse((string)body["uuid"]!);
    }

    [Fact]
    public async Task A_cognito_access_token_is_accepted_and_its_user_creates_a_workspace_and_entries()
    {
        var subject = Guid.NewGuid().ToString();
        var client = app.WithToken(app.Authority.Mint(subject));
        var local = await CheckAsync(client);
        Assert.NotEqual(Guid.Parse(subject), local); // a local user of its own, not the provider's id
        Assert.Equal(local, await CheckAsync(app.WithToken(app.Authority.Mint(subject)))); // the same user on every later token

        var created = await client.PostAsJsonAsync("/api/workspace/create", new { workspace = new { name = "Cloud home" } });
        var workspace = await created.Json();
        Assert.True(created.StatusCode == HttpStatusCode.Created, workspace.ToJsonString());
        var ws = Guid.Parse((string)workspace["workspace"]!["uuid"]!);
        var inWorkspace = app.WithToken(app.Authority.Mint(subject), ws);
        var wallet = await app.DefaultWalletAsync(ws);
        var entry = await inWorkspace.PostAsJsonAsync("/api/entry/expense", new { amount = -9.99m, date_time = "2026-01-15 10:00", account_id = wallet });
        Assert.True(entry.StatusCode == HttpStatusCode.Created, await entry.Content.ReadAsStringAsync());
        Assert.Equal(-999, await app.WalletBalanceAsync(wallet));

        var login = await app.WithDbAsync(db => db.Set<IdentityUserLogin<int>>().SingleAsync(l => l.ProviderKey == subject));
        Assert.Equal(app.Authority.Issuer, login.LoginProvider);
        // Another external user does not see the workspace.
        await (await app.WithToken(app.Authority.Mint(Guid.NewGuid().ToString()), ws).GetAsync("/api/wallet/list")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tokens_with_a_wrong_issuer_client_use_lifetime_or_signature_are_refused()
    {
        var subject = Guid.NewGuid().ToString();
        using var stranger = RSA.Create(2048);
        var forged = new RsaSecurityKey(stranger) { KeyId = app.Authority.Key.KeyId };
        var refused = new Dictionary<string, string>
        {
            ["wrong issuer"] = app.Authority.Mint(subject, issuer: app.Authority.Issuer + "-other"),
            ["wrong client_id"] = app.Authority.Mint(subject, clientId: "not-our-client"),
            ["id token as access token"] = app.Authority.Mint(subject, tokenUse: "id"),
            ["expired"] = app.Authority.Mint(subject, expiresIn: TimeSpan.FromMinutes(-10)),
            ["bad signature"] = app.Authority.Mint(subject, signWith: forged),
        };
        foreach (var (what, token) in refused)
        {
            var response = await app.WithToken(token).GetAsync("/api/auth/check");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
            await response.Problem(HttpStatusCode.Unauthorized);
        }
        // None of them created a user.
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.ExternalSubject == subject)));
        // The built-in accounts keep working beside the external authority.
        var local = await app.NewUserAsync();
        Assert.Equal(local.Uuid, await CheckAsync(local.Client()));
    }

    [Fact]
    public async Task A_verified_email_links_the_existing_account_and_an_unverified_one_does_not()
    {
        var ann = await app.NewUserAsync("Ann");
        var verified = app.Authority.Mint(Guid.NewGuid().ToString(), extra: new Dictionary<string, object> { ["email"] = ann.Email, ["email_verified"] = true });
        Assert.Equal(ann.Uuid, await CheckAsync(app.WithToken(verified)));

        var bob = await app.NewUserAsync("Bob");
        var claimed = app.Authority.Mint(Guid.NewGuid().ToString(), extra: new Dictionary<string, object> { ["email"] = bob.Email, ["email_verified"] = false });
        var other = await CheckAsync(app.WithToken(claimed));
        Assert.NotEqual(bob.Uuid, other);
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Uuid == other).Select(u => u.Email).SingleAsync()));
    }
}

public sealed class SqliteExternalIdentityTests(SqliteExternalIdpApp app) : ExternalIdentityTests(app), IClassFixture<SqliteExternalIdpApp>;

public sealed class PostgresExternalIdentityTests(PostgresExternalIdpApp app) : ExternalIdentityTests(app), IClassFixture<PostgresExternalIdpApp>;
