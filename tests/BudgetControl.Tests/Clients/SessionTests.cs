using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests.Clients;

/// <summary>Sliding sessions with access tokens that really expire (2 s), and the confirmation grace period (3 s).</summary>
public abstract class SlidingSessionTests(ShortSessionApp app)
{
    private static Task WaitPastAsync(TimeSpan lifetime) => Task.Delay(lifetime + TimeSpan.FromMilliseconds(1200));

    [Fact]
    public async Task An_expired_access_token_is_answered_and_renewed_in_the_Authorization_header()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync();
        var client = new OriginalClient(app, ClientApp.WebOrigin) { AccessToken = user.AccessToken, Workspace = ws.ToString() };
        await WaitPastAsync(ShortSessionApp.AccessTokenLifetime);

        var list = await client.GetAsync("/api/wallet/list");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(1, client.Renewals);
        var renewed = client.AccessToken!;
        Assert.NotEqual(user.AccessToken, renewed);
        var claims = Jwt.Claims(renewed);
        Assert.Equal(user.Uuid.ToString(), (string)claims["sub"]!);
        Assert.True((long)claims["exp"]! > DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        // A write with the renewed token, then expiry again: each renewal starts a new window.
        var wallet = await app.DefaultWalletAsync(ws);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/entry/expense", new { amount = -1, date_time = "2026-01-02 10:00", account_id = wallet })).StatusCode);
        await WaitPastAsync(ShortSessionApp.AccessTokenLifetime);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/entry?per_page=30&page=1&filters[planned]=0")).StatusCode);
        Assert.Equal(2, client.Renewals);

        // Clients that refresh keep doing so: the original refresh token still rotates.
        var refreshed = await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_a_session_at_once_even_for_its_expired_tokens()
    {
        var user = await app.NewUserAsync();
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/auth/logout")).StatusCode);
        // The very next call with the same (still unexpired) token is refused.
        await (await http.GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
        await WaitPastAsync(ShortSessionApp.AccessTokenLifetime);
        var expired = await http.GetAsync("/api/auth/check");
        await expired.Problem(HttpStatusCode.Unauthorized);
        Assert.False(expired.Headers.Contains("Authorization"));
    }

    [Fact]
    public async Task Unconfirmed_accounts_sign_in_during_the_grace_period_and_not_after()
    {
        var email = $"g{Guid.NewGuid():N}@example.com";
        var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/auth/sign-up", new { name = "Grace", email, password = BudgetApp.Password, password_confirmation = BudgetApp.Password })).StatusCode);
        var user = await app.SignInAsync(email, BudgetApp.Password);
        await WaitPastAsync(ShortSessionApp.Grace);

        var late = await anonymous.PostAsJsonAsync("/api/auth/authenticate", new { email, password = BudgetApp.Password });
        Assert.Contains("Confirm", (string)(await late.Problem(HttpStatusCode.Unauthorized))["detail"]!);
        // Neither a refresh nor a sliding renewal extends a session past the grace period.
        await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).Problem(HttpStatusCode.Unauthorized);
        await (await user.Client().GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);

        await anonymous.GetAsync($"/api/auth/confirm/{await app.LinkTokenAsync(email, "confirm")}");
        await app.SignInAsync(email, BudgetApp.Password);
    }
}

public sealed class SqliteSlidingSessionTests(SqliteShortSessionApp app) : SlidingSessionTests(app), IClassFixture<SqliteShortSessionApp>;

public sealed class PostgresSlidingSessionTests(PostgresShortSessionApp app) : SlidingSessionTests(app), IClassFixture<PostgresShortSessionApp>;

/// <summary><c>Auth:RequireConfirmedEmail=true</c>: the strict rule for operators who want it.</summary>
public abstract class StrictConfirmationTests(StrictConfirmationApp app)
{
    [Fact]
    public async Task Login_waits_for_the_confirmation_link()
    {
        var email = $"s{Guid.NewGuid():N}@example.com";
        var anonymous = app.Anonymous();
        var signUp = await (await anonymous.PostAsJsonAsync("/api/auth/sign-up", new { name = "Strict", email, password = BudgetApp.Password, password_confirmation = BudgetApp.Password })).Json();
        Assert.True((bool)signUp["details"]!["email_confirmation_required"]!);
        var early = await anonymous.PostAsJsonAsync("/api/auth/authenticate", new { email, password = BudgetApp.Password });
        Assert.Contains("Confirm", (string)(await early.Problem(HttpStatusCode.Unauthorized))["detail"]!);
        await anonymous.GetAsync($"/api/auth/confirm/{await app.LinkTokenAsync(email, "confirm")}");
        await app.SignInAsync(email, BudgetApp.Password);
    }
}

public sealed class SqliteStrictConfirmationTests(SqliteStrictConfirmationApp app) : StrictConfirmationTests(app), IClassFixture<SqliteStrictConfirmationApp>;

public sealed class PostgresStrictConfirmationTests(PostgresStrictConfirmationApp app) : StrictConfirmationTests(app), IClassFixture<PostgresStrictConfirmationApp>;
