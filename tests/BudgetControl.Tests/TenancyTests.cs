using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BudgetControl.Data.Entities;
using BudgetControl.Hosting;
using BudgetControl.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BudgetControl.Tests;

/// <summary>
/// The tenant boundary (original-core §11.1 items 1-3): a workspace exists only for its members, on every
/// route, and the <c>X-BC-Token</c> is short-lived, signed and bound to its user.
/// </summary>
public abstract class TenancyTests(BudgetApp app)
{
    [Fact]
    public async Task A_foreign_workspace_is_a_404_on_every_route_and_stays_unchanged()
    {
        var outsider = await app.NewUserAsync("Oscar Outsider");
        var ownerOfB = await app.NewUserAsync("Beatrice");
        var memberOfB = await app.NewUserAsync("Bruno");
        var a = await outsider.CreateWorkspaceAsync("Outsider's own");
        var secretName = "Secret " + Guid.NewGuid().ToString("N")[..8];
        var b = await ownerOfB.CreateWorkspaceAsync(extra: new { workspace = new { name = secretName, description = "Private notes", currency = "GBP" } });
        await ownerOfB.ShareAsync(b, memberOfB);
        var before = await app.WorkspaceRowAsync(b);
        var secrets = new[] { secretName, "Private notes", ownerOfB.Email, memberOfB.Email, "GBP" };

        var attempts = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("get", () => outsider.GetAsync(b)),
            ("update", () => outsider.UpdateAsync(b, new { name = "Hijacked", currency = "USD" })),
            ("update with version", () => outsider.UpdateAsync(b, new { name = "Hijacked", version = before.Version })),
            ("activate", () => outsider.Client().PatchAsync($"/api/workspace/activate/{b}", null)),
            ("delete", () => outsider.Client().DeleteAsync($"/api/workspace/{b}")),
            ("share with self by e-mail", () => outsider.ShareRequestAsync(b, new { user_to_share = outsider.Email })),
            ("share with self as admin", () => outsider.ShareRequestAsync(b, new { user_to_share = outsider.Uuid.ToString(), role = "admin" })),
            ("share with a member", () => outsider.ShareRequestAsync(b, new { user_to_share = memberOfB.Email })),
            ("unshare a member", () => outsider.UnshareAsync(b, memberOfB.Uuid)),
            ("unshare the owner", () => outsider.UnshareAsync(b, ownerOfB.Uuid)),
            ("unshare self", () => outsider.UnshareAsync(b, outsider.Uuid)),
            ("change a member's role", () => outsider.ChangeRoleAsync(b, memberOfB.Uuid, "viewer")),
            ("make self admin", () => outsider.ChangeRoleAsync(b, outsider.Uuid, "admin")),
            ("current via X-WS", () => outsider.Client(b).GetAsync("/api/workspace/current")),
            ("user-info via X-WS", () => outsider.Client(b).GetAsync("/api/auth/user-info")),
        };
        foreach (var (what, send) in attempts)
        {
            await (await send()).AssertHiddenAsync(what, secrets);
        }

        var after = await app.WorkspaceRowAsync(b);
        Assert.Equal(secretName, after.Name);
        Assert.Equal("Private notes", after.Description);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Null(after.DeletedAt);
        Assert.Equal(3, after.CurrencyId);
        Assert.Equal(2, after.Members.Count);
        Assert.Equal(WorkspaceRole.Owner, after.Members[ownerOfB.Uuid]);
        Assert.Equal(WorkspaceRole.Member, after.Members[memberOfB.Uuid]);
        Assert.Equal(a, Assert.Single(await outsider.ListUuidsAsync()));
        Assert.Equal(a, await outsider.LastAsync());
        Assert.Equal(b, await ownerOfB.LastAsync());
        Assert.Equal(secretName, (string)(await memberOfB.DocumentAsync(b))["workspace"]!["name"]!);
    }

    [Fact]
    public async Task A_member_of_one_workspace_gets_404_for_a_sibling_workspace_of_the_same_owner()
    {
        var owner = await app.NewUserAsync();
        var member = await app.NewUserAsync();
        var shared = await owner.CreateWorkspaceAsync("Shared");
        var privateOne = await owner.CreateWorkspaceAsync("Private " + Guid.NewGuid().ToString("N")[..8]);
        await owner.ShareAsync(shared, member, "admin");

        await (await member.GetAsync(privateOne)).AssertHiddenAsync("get");
        await (await member.ShareRequestAsync(privateOne, new { user_to_share = member.Email })).AssertHiddenAsync("share");
        await (await member.Client(privateOne).GetAsync("/api/workspace/current")).AssertHiddenAsync("current");
        // The session token of the shared workspace does not open the other one.
        var token = await member.SessionTokenAsync(shared);
        var current = await member.Session(token).GetAsync("/api/workspace/current");
        Assert.Equal(shared.ToString(), (string)(await current.Json())["workspace"]!["uuid"]!);
        Assert.Single((await app.WorkspaceRowAsync(privateOne)).Members);
    }

    [Fact]
    public async Task Current_answers_the_workspace_named_by_X_WS_or_X_BC_Token()
    {
        var user = await app.NewUserAsync();
        var home = await user.CreateWorkspaceAsync("Home");
        var work = await user.CreateWorkspaceAsync("Work");

        var byHeader = await user.Client(home).GetAsync("/api/workspace/current");
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Equal(home.ToString(), (string)(await byHeader.Json())["workspace"]!["uuid"]!);

        var token = await user.SessionTokenAsync(work);
        var claims = Jwt.Claims(token);
        Assert.Equal(user.Uuid.ToString(), (string)claims["sub"]!);
        Assert.Equal(work.ToString(), (string)claims["ws"]!);
        var byToken = await user.Session(token).GetAsync("/api/workspace/current");
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        Assert.Equal(work.ToString(), (string)(await byToken.Json())["workspace"]!["uuid"]!);
    }

    [Fact]
    public async Task A_session_token_cannot_be_pointed_at_another_workspace()
    {
        var user = await app.NewUserAsync();
        var stranger = await app.NewUserAsync();
        var mine = await user.CreateWorkspaceAsync("Mine");
        var theirs = await stranger.CreateWorkspaceAsync("Theirs");
        var token = await user.SessionTokenAsync(mine);

        // Same signature, payload rewritten to name the stranger's workspace.
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(mine.ToString(), theirs.ToString(), StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        await (await user.Session(forged).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.Unauthorized);
        // An X-WS beside a valid token does not widen it either: the token names the workspace.
        var both = user.Session(token);
        both.DefaultRequestHeaders.Add(Tenancy.WorkspaceHeader, theirs.ToString());
        var response = await both.GetAsync("/api/workspace/current");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mine.ToString(), (string)(await response.Json())["workspace"]!["uuid"]!);
    }

    [Fact]
    public async Task A_tampered_session_token_is_a_401()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync();
        var token = await user.SessionTokenAsync(workspace);
        var parts = token.Split('.');
        // A character in the middle of the signature: all six of its bits are signature bits.
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{parts[1]}.{new string(signature)}";
        var unsigned = $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";

        foreach (var bad in new[] { tampered, unsigned, $"{parts[0]}.{parts[1]}", "garbage" })
        {
            await (await user.Session(bad).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.Unauthorized);
        }
        Assert.Equal(HttpStatusCode.OK, (await user.Session(token).GetAsync("/api/workspace/current")).StatusCode);
    }

    [Fact]
    public async Task An_expired_session_token_is_a_401()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync();
        var now = DateTime.UtcNow;

        var expired = SessionToken(user.Uuid, workspace, issued: now.AddHours(-3), expires: now.AddHours(-1));
        await (await user.Session(expired).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.Unauthorized);
        var notYetValid = SessionToken(user.Uuid, workspace, issued: now.AddHours(1), expires: now.AddHours(2));
        await (await user.Session(notYetValid).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.Unauthorized);

        // The same recipe with a live lifetime is accepted, so the 401 above is the expiry's doing.
        var live = SessionToken(user.Uuid, workspace, issued: now.AddMinutes(-1), expires: now.AddHours(1));
        Assert.Equal(HttpStatusCode.OK, (await user.Session(live).GetAsync("/api/workspace/current")).StatusCode);
    }

    [Fact]
    public async Task Another_users_session_token_is_a_401()
    {
        var user = await app.NewUserAsync();
        var other = await app.NewUserAsync();
        var shared = await other.CreateWorkspaceAsync("Shared");
        await other.ShareAsync(shared, user);
        var othersToken = await other.SessionTokenAsync(shared);

        // Even for a workspace both belong to: the token is bound to the user it was minted for.
        await (await user.Session(othersToken).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.Unauthorized);
        var forgedForOther = SessionToken(other.Uuid, shared, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1));
        await (await user.Session(forgedForOther).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await other.Session(othersToken).GetAsync("/api/workspace/current")).StatusCode);
    }

    [Fact]
    public async Task A_session_token_signed_with_another_key_is_a_401()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync();
        var otherKey = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

        var token = SessionToken(user.Uuid, workspace, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1), otherKey);
        await (await user.Session(token).GetAsync("/api/workspace/current")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_X_WS_that_is_not_a_uuid_is_a_400()
    {
        var user = await app.NewUserAsync();
        await user.CreateWorkspaceAsync();
        foreach (var value in new[] { "not-a-uuid", "123" })
        {
            foreach (var path in new[] { "/api/workspace/current", "/api/auth/user-info" })
            {
                var client = user.Client();
                client.DefaultRequestHeaders.Add(Tenancy.WorkspaceHeader, value);
                var problem = await (await client.GetAsync(path)).Problem(HttpStatusCode.BadRequest);
                Assert.NotNull(problem["errors"]);
            }
        }
    }

    [Fact]
    public async Task Current_without_X_WS_or_X_BC_Token_is_a_400()
    {
        var user = await app.NewUserAsync();
        await user.CreateWorkspaceAsync();
        var problem = await (await user.Client().GetAsync("/api/workspace/current")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("X-WS", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/workspace/list")]
    [InlineData("GET", "/api/workspace/by-user/list")]
    [InlineData("GET", "/api/workspace/last")]
    [InlineData("GET", "/api/workspace/current")]
    [InlineData("GET", "/api/workspace/{ws}")]
    [InlineData("POST", "/api/workspace/create")]
    [InlineData("PUT", "/api/workspace/update/{ws}")]
    [InlineData("PATCH", "/api/workspace/activate/{ws}")]
    [InlineData("DELETE", "/api/workspace/{ws}")]
    [InlineData("POST", "/api/workspace/{ws}/share")]
    [InlineData("DELETE", "/api/workspace/{ws}/unshare/{user}")]
    [InlineData("PUT", "/api/workspace/{ws}/members/{user}")]
    [InlineData("POST", "/api/auth/{user}/finalize/sign-up")]
    public async Task Every_workspace_route_needs_an_access_token(string method, string template)
    {
        var path = template.Replace("{ws}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{user}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var json = method is "POST" or "PUT" ? "{\"workspace\":{\"name\":\"X\"},\"name\":\"X\",\"role\":\"admin\",\"user_to_share\":\"x@example.com\"}" : null;

        var anonymous = app.Anonymous();
        anonymous.DefaultRequestHeaders.Add(Tenancy.WorkspaceHeader, Guid.NewGuid().ToString());
        await (await anonymous.SendJsonAsync(new HttpMethod(method), path, json)).Problem(HttpStatusCode.Unauthorized);

        var forged = app.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
        await (await forged.SendJsonAsync(new HttpMethod(method), path, json)).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_session_token_alone_without_an_access_token_is_a_401()
    {
        var user = await app.NewUserAsync();
        var workspace = await user.CreateWorkspaceAsync();
        var token = await user.SessionTokenAsync(workspace);

        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add(SessionTokens.HeaderName, token);
        await (await client.GetAsync("/api/workspace/current")).Problem(HttpStatusCode.Unauthorized);
    }

    /// <summary>A workspace-session token made the way the server makes them, with the server's key unless told otherwise.</summary>
    private string SessionToken(Guid user, Guid workspace, DateTime issued, DateTime expires, SecurityKey? key = null)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "budgetcontrol-session",
            Audience = "budgetcontrol",
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = user.ToString(), ["ws"] = workspace.ToString() },
            SigningCredentials = new SigningCredentials(key ?? app.Service<KeyRing>().SessionKey, SecurityAlgorithms.HmacSha256),
        });
    }
}

public sealed class SqliteTenancyTests(SqliteApp app) : TenancyTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTenancyTests(PostgresApp app) : TenancyTests(app), IClassFixture<PostgresApp>;
