using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using BudgetControl.Hosting;
using BudgetControl.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BudgetControl.Tests;

public abstract class AuthenticationTests(BudgetApp app)
{
    [Theory]
    [InlineData("/api/auth/authenticate", "email", "{\"email\": \"a\\ud800b@example.com\", \"password\": \"x\"}")]
    [InlineData("/api/auth/authenticate", "password", "{\"email\": \"a@example.com\", \"password\": \"a\\u0000b\"}")]
    [InlineData("/api/auth/authenticate", "otp", "{\"email\": \"a@example.com\", \"password\": \"x\", \"otp\": \"\\udc00\"}")]
    [InlineData("/api/auth/refresh", "refresh_token", "{\"refresh_token\": \"a\\u0000b\"}")]
    public async Task Sign_in_text_that_is_no_valid_form_value_is_a_400_naming_the_field(string path, string field, string json)
    {
        // A lone surrogate threw out of the middleware (a bare 500); a NUL failed in the token endpoint's form reader (a 500).
        var response = await app.Anonymous().PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Sign_up_confirm_and_authenticate_returns_tokens_and_workspaces()
    {
        var user = await app.NewUserAsync("Ann");
        var workspace = await user.CreateWorkspaceAsync("Home");

        var login = await app.Anonymous().PostAsJsonAsync("/api/auth/authenticate", new { email = user.Email, password = BudgetApp.Password });
        var body = await login.Json();
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True((bool)body["success"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["token"]));
        Assert.False(string.IsNullOrEmpty((string?)body["refresh_token"]));
        Assert.False(string.IsNullOrEmpty((string?)body["id_token"]));
        Assert.Equal(workspace.ToString(), (string)body["workspaces"]![0]!["uuid"]!);
        Assert.Equal(user.Uuid.ToString(), (string)Jwt.Claims((string)body["id_token"]!)["sub"]!);
    }

    [Fact]
    public async Task Sign_up_signs_in_at_once_with_a_reminder_until_the_mail_link_is_followed()
    {
        var email = $"c{Guid.NewGuid():N}@example.com";
        var client = app.Anonymous();
        var signUp = await client.PostAsJsonAsync("/api/auth/sign-up", new { name = "Cleo", email, password = BudgetApp.Password, password_confirmation = BudgetApp.Password });
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);

        // The original client signs in right after signing up: allowed during the grace period, with a reminder.
        var early = await app.SignInAsync(email, BudgetApp.Password);
        var reminder = (await (await early.Client().GetAsync("/api/auth/user-info")).Json())["userInfo"]!;
        Assert.True((bool)reminder["email_confirmation_required"]!);
        var deadline = DateTime.Parse((string)reminder["confirm_email_by"]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(deadline, DateTime.UtcNow.AddDays(6.9), DateTime.UtcNow.AddDays(7.1));
        Assert.Null((string?)reminder["email_verified_at"]);

        var bad = await client.GetAsync("/api/auth/confirm/not-a-token");
        await bad.Problem(HttpStatusCode.BadRequest);

        var token = await app.LinkTokenAsync(email, "confirm");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/auth/confirm/{token}")).StatusCode);
        var user = await app.SignInAsync(email, BudgetApp.Password);
        var info = await (await user.Client().GetAsync("/api/auth/user-info")).Json();
        Assert.NotNull((string?)info["userInfo"]!["email_verified_at"]);
        Assert.False((bool)info["userInfo"]!["email_confirmation_required"]!);
        Assert.Null((string?)info["userInfo"]!["confirm_email_by"]);
    }

    [Fact]
    public async Task Sign_up_rejects_bad_input_with_field_errors()
    {
        var client = app.Anonymous();
        var weak = await client.PostAsJsonAsync("/api/auth/sign-up", new { name = "W", email = $"w{Guid.NewGuid():N}@example.com", password = "password", password_confirmation = "password" });
        var problem = await weak.Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["password"]);

        var mismatch = await client.PostAsJsonAsync("/api/auth/sign-up", new { name = "M", email = $"m{Guid.NewGuid():N}@example.com", password = BudgetApp.Password, password_confirmation = "Other#1234" });
        Assert.NotNull((await mismatch.Problem(HttpStatusCode.BadRequest))["errors"]!["password_confirmation"]);

        var missing = await client.PostAsJsonAsync("/api/auth/sign-up", new { password = BudgetApp.Password });
        var errors = (await missing.Problem(HttpStatusCode.BadRequest))["errors"]!;
        Assert.NotNull(errors["name"]);
        Assert.NotNull(errors["email"]);

        var notEmail = await client.PostAsJsonAsync("/api/auth/sign-up", new { name = "N", email = "nobody", password = BudgetApp.Password });
        Assert.NotNull((await notEmail.Problem(HttpStatusCode.BadRequest))["errors"]!["email"]);
    }

    [Fact]
    public async Task Malformed_json_and_wrong_types_get_400_problem_details()
    {
        var client = app.Anonymous();
        var malformed = await client.PostAsync("/api/auth/sign-up", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        await malformed.Problem(HttpStatusCode.BadRequest);

        var wrongType = await client.PostAsync("/api/auth/sign-up", new StringContent("{\"name\": 5, \"email\": [1]}", Encoding.UTF8, "application/json"));
        await wrongType.Problem(HttpStatusCode.BadRequest);

        var loginMalformed = await client.PostAsync("/api/auth/authenticate", new StringContent("not json", Encoding.UTF8, "application/json"));
        await loginMalformed.Problem(HttpStatusCode.BadRequest);

        var loginMissing = await client.PostAsJsonAsync("/api/auth/authenticate", new { email = "x@example.com" });
        Assert.NotNull((await loginMissing.Problem(HttpStatusCode.BadRequest))["errors"]!["password"]);

        var user = await app.NewUserAsync();
        var workspaceMalformed = await user.Client().PostAsync("/api/workspace/create", new StringContent("{\"workspace\": {\"name\": [", Encoding.UTF8, "application/json"));
        await workspaceMalformed.Problem(HttpStatusCode.BadRequest);
        var workspaceWrongType = await user.Client().PostAsync("/api/workspace/create", new StringContent("{\"workspace\": \"Home\"}", Encoding.UTF8, "application/json"));
        await workspaceWrongType.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_same_email_cannot_sign_up_twice()
    {
        var user = await app.NewUserAsync();
        var again = await app.Anonymous().PostAsJsonAsync("/api/auth/sign-up", new { name = "Again", email = user.Email.ToUpperInvariant(), password = BudgetApp.Password });
        await again.Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account()
    {
        var user = await app.NewUserAsync();
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/authenticate", new { email = user.Email, password = "Wrong#Pass1" });
            await wrong.Problem(HttpStatusCode.Unauthorized);
        }
        var right = await client.PostAsJsonAsync("/api/auth/authenticate", new { email = user.Email, password = BudgetApp.Password });
        var problem = await right.Problem(HttpStatusCode.Unauthorized);
        Assert.Contains("locked", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Unknown_users_get_the_same_answer_as_wrong_passwords()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/authenticate", new { email = "nobody@example.com", password = "Whatever#1" });
        var problem = await response.Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("The e-mail or password is wrong.", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Access_tokens_are_signed_jwts_verifiable_with_the_published_keys()
    {
        var user = await app.NewUserAsync();
        var client = app.Anonymous();
        var discovery = await (await client.GetAsync("/.well-known/openid-configuration")).Json();
        var jwksUri = new Uri((string)discovery["jwks_uri"]!);
        var jwks = await client.GetStringAsync(jwksUri.PathAndQuery);
        var keys = new JsonWebKeySet(jwks).GetSigningKeys();

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(user.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = (string)discovery["issuer"]!,
            ValidateAudience = false,
            IssuerSigningKeys = keys,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = new JsonWebToken(user.AccessToken);
        Assert.Equal("RS256", token.Alg);
        Assert.True(token.ValidTo > DateTime.UtcNow && token.ValidTo <= DateTime.UtcNow.AddMinutes(16));
    }

    [Fact]
    public async Task Expired_tampered_and_unsigned_access_tokens_get_401()
    {
        var user = await app.NewUserAsync();
        var keys = app.Service<KeyRing>();
        var claims = Jwt.Claims(user.AccessToken);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var expired = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = (string)claims["iss"]!,
            TokenType = "at+jwt",
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddHours(-1),
            Claims = new Dictionary<string, object> { ["sub"] = user.Uuid.ToString(), ["scope"] = "openid" },
            SigningCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.RsaSha256),
        });
        var parts = user.AccessToken.Split('.');
        var otherPayload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString().Replace(user.Uuid.ToString(), Guid.NewGuid().ToString())));
        var tampered = $"{parts[0]}.{otherPayload}.{parts[2]}";
        var none = $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}")}.{parts[1]}.";
        var garbage = "not.a.token";

        foreach (var token in new[] { expired, tampered, none, garbage })
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await client.GetAsync("/api/workspace/list");
            await response.Problem(HttpStatusCode.Unauthorized);
        }
        Assert.Equal(HttpStatusCode.OK, (await user.Client().GetAsync("/api/workspace/list")).StatusCode);
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token()
    {
        var user = await app.NewUserAsync();
        var refreshed = await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken });
        var body = await refreshed.Json();
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(user.RefreshToken, (string)body["refresh_token"]!);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)body["token"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/check")).StatusCode);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_the_whole_family()
    {
        var user = await app.NewUserAsync();
        var anonymous = app.Anonymous();
        var first = await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).Json();
        var newRefresh = (string)first["refresh_token"]!;
        var newAccess = (string)first["token"]!;

        var replay = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken });
        await replay.Problem(HttpStatusCode.Unauthorized);

        var afterReplay = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = newRefresh });
        await afterReplay.Problem(HttpStatusCode.Unauthorized);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", newAccess);
        await (await client.GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
        await (await user.Client().GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_rejects_garbage_and_missing_tokens()
    {
        var anonymous = app.Anonymous();
        await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = "garbage" })).Problem(HttpStatusCode.Unauthorized);
        var missing = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { });
        Assert.NotNull((await missing.Problem(HttpStatusCode.BadRequest))["errors"]!["refresh_token"]);
    }

    [Fact]
    public async Task Logout_revokes_the_access_and_refresh_tokens()
    {
        var user = await app.NewUserAsync();
        var other = await app.SignInAsync(user.Email, BudgetApp.Password);
        var logout = await user.Client().GetAsync("/api/auth/logout");
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);

        await (await user.Client().GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
        await (await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).Problem(HttpStatusCode.Unauthorized);
        // Another device's session is not affected.
        Assert.Equal(HttpStatusCode.OK, (await other.Client().GetAsync("/api/auth/check")).StatusCode);
    }

    [Fact]
    public async Task Password_reset_changes_the_password_and_ends_every_session()
    {
        var user = await app.NewUserAsync();
        var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { email = user.Email })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/reset-password", new { email = "nobody@example.com" })).StatusCode);
        var token = await app.LinkTokenAsync(user.Email, "reset-password");

        var weak = await anonymous.PutAsJsonAsync($"/api/auth/reset-password/{token}", new { password = "weak" });
        Assert.NotNull((await weak.Problem(HttpStatusCode.BadRequest))["errors"]!["password"]);
        await (await anonymous.PutAsJsonAsync("/api/auth/reset-password/bogus", new { password = "New#Passw0rd" })).Problem(HttpStatusCode.BadRequest);

        var done = await anonymous.PutAsJsonAsync($"/api/auth/reset-password/{token}", new { password = "New#Passw0rd", password_confirmation = "New#Passw0rd" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        await (await anonymous.PutAsJsonAsync($"/api/auth/reset-password/{token}", new { password = "Newer#Passw0rd" })).Problem(HttpStatusCode.BadRequest);

        await (await user.Client().GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/auth/authenticate", new { email = user.Email, password = BudgetApp.Password })).Problem(HttpStatusCode.Unauthorized);
        await app.SignInAsync(user.Email, "New#Passw0rd");
    }

    [Fact]
    public async Task Passwords_are_stored_only_as_slow_salted_hashes()
    {
        var user = await app.NewUserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BudgetControl.Data.BudgetDbContext>();
        var hash = db.Users.Single(u => u.Uuid == user.Uuid).PasswordHash!;
        Assert.DoesNotContain(BudgetApp.Password, hash);
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]); // Identity v3 format: PBKDF2 with a random salt
        var prf = (bytes[1] << 24) | (bytes[2] << 16) | (bytes[3] << 8) | bytes[4];
        var iterations = (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
        Assert.Equal(2, prf); // HMAC-SHA512
        Assert.Equal(210_000, iterations); // OWASP's current figure for PBKDF2-HMAC-SHA512
    }

    [Fact]
    public async Task Two_factor_login_needs_the_authenticator_code()
    {
        var user = await app.NewUserAsync();
        var client = user.Client();
        var setup = await (await client.PostAsync("/api/auth/2fa/setup", null)).Json();
        var key = (string)setup["shared_key"]!;
        Assert.StartsWith("otpauth://totp/", (string)setup["authenticator_uri"]!);

        await (await client.PostAsJsonAsync("/api/auth/2fa/enable", new { code = "000000x" })).Problem(HttpStatusCode.BadRequest);
        var enabled = await client.PostAsJsonAsync("/api/auth/2fa/enable", new { code = Totp.Now(key) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(10, (await enabled.Json())["recovery_codes"]!.AsArray().Count);

        var anonymous = app.Anonymous();
        var withoutCode = await anonymous.PostAsJsonAsync("/api/auth/authenticate", new { email = user.Email, password = BudgetApp.Password });
        Assert.Equal("two_factor_required", (string)(await withoutCode.Problem(HttpStatusCode.Unauthorized))["error"]!);
        var withCode = await anonymous.PostAsJsonAsync("/api/auth/authenticate", new { email = user.Email, password = BudgetApp.Password, otp = Totp.Now(key) });
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }

    [Fact]
    public async Task User_info_mints_a_workspace_session_token_only_for_member_workspaces()
    {
        var user = await app.NewUserAsync("Una");
        var stranger = await app.NewUserAsync("Stan");
        var home = await user.CreateWorkspaceAsync("Home");
        var foreign = await stranger.CreateWorkspaceAsync("Theirs");

        var response = await user.Client(home).GetAsync("/api/auth/user-info");
        var body = await response.Json();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (string)body["token"]!;
        Assert.Equal(token, response.Headers.GetValues("X-BC-Token").Single());
        Assert.Equal(home.ToString(), (string)body["userInfo"]!["current_ws"]!);
        Assert.Equal("EUR", (string)body["userInfo"]!["workspace_settings"]!["data"]!["currency"]!["label"]!);
        var claims = Jwt.Claims(token);
        Assert.Equal(home.ToString(), (string)claims["ws"]!);
        Assert.NotNull(claims["exp"]);

        await (await user.Client(foreign).GetAsync("/api/auth/user-info")).Problem(HttpStatusCode.NotFound);
        await (await user.Client().GetAsync("/api/auth/user-info/by-email/" + stranger.Email)).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await user.Client().GetAsync("/api/auth/user-info/by-email/" + user.Email)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_logins_all_succeed_while_other_requests_are_served()
    {
        var user = await app.NewUserAsync();
        var logins = Enumerable.Range(0, 12).Select(_ =>
            app.Anonymous().PostAsJsonAsync("/api/auth/authenticate", new { email = user.Email, password = BudgetApp.Password })).ToList();
        var health = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        foreach (var login in await Task.WhenAll(logins))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
    }
}

public sealed class SqliteAuthenticationTests(SqliteProductionHashingApp app) : AuthenticationTests(app), IClassFixture<SqliteProductionHashingApp>;

public sealed class PostgresAuthenticationTests(PostgresProductionHashingApp app) : AuthenticationTests(app), IClassFixture<PostgresProductionHashingApp>;

/// <summary>RFC 6238 TOTP (30 s, 6 digits, HMAC-SHA1), as an authenticator app computes it.</summary>
internal static class Totp
{
    public static string Now(string base32Key)
    {
        var key = Base32(base32Key);
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }
#pragma warning disable CA5350 // RFC 6238 authenticator codes are HMAC-SHA1 by definition
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var code = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (code % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
