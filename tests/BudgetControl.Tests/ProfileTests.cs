using System.Net;
using System.Net.Http.Json;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests;

/// <summary>The signed-in user's profile (name, language of screen and mails) and password change (issue 15).</summary>
public abstract class ProfileTests(BudgetApp app)
{
    private const string NewPassword = "Changed#Passw0rd";

    [Fact]
    public async Task Profile_changes_name_and_locale_and_user_info_shows_them()
    {
        var user = await app.NewUserAsync("Pat");
        var client = user.Client();
        var profile = await (await client.GetAsync("/api/auth/profile")).Json();
        Assert.Equal(user.Uuid.ToString(), (string)profile["uuid"]!);
        Assert.Equal("Pat", (string)profile["name"]!);
        Assert.Equal(user.Email, (string)profile["email"]!);
        Assert.Equal("en", (string)profile["locale"]!);
        Assert.False((bool)profile["two_factor"]!);

        var updated = await client.PutAsJsonAsync("/api/auth/profile", new { name = "  Patricia  ", locale = "it-IT" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await updated.Json();
        Assert.Equal("Patricia", (string)body["name"]!);
        Assert.Equal("it", (string)body["locale"]!);

        var info = await (await client.GetAsync("/api/auth/user-info")).Json();
        Assert.Equal("Patricia", (string)info["userInfo"]!["name"]!);
        Assert.Equal("it", (string)info["userInfo"]!["locale"]!);
        Assert.Equal("it", (string)(await (await client.GetAsync("/api/auth/profile")).Json())["locale"]!);

        // An absent field keeps its value.
        var localeOnly = await (await client.PutAsJsonAsync("/api/auth/profile", new { locale = "en" })).Json();
        Assert.Equal("Patricia", (string)localeOnly["name"]!);
        Assert.Equal("en", (string)localeOnly["locale"]!);
    }

    [Fact]
    public async Task A_rename_shows_at_once_in_cached_workspace_reads()
    {
        var user = await app.NewUserAsync("Owen");
        var workspace = await user.CreateWorkspaceAsync();
        var client = user.Client(workspace);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("Owen", (string)(await (await client.GetAsync("/api/workspace/current")).Json())["workspace"]!["owner"]!["name"]!);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/auth/profile", new { name = "Owena" })).StatusCode);
        var current = await (await client.GetAsync("/api/workspace/current")).Json();
        Assert.Equal("Owena", (string)current["workspace"]!["owner"]!["name"]!);
    }

    [Fact]
    public async Task Mails_after_a_language_change_are_in_the_new_language()
    {
        var user = await app.NewUserAsync("Lia");
        Assert.Equal(HttpStatusCode.OK, (await user.Client().PutAsJsonAsync("/api/auth/profile", new { locale = "it" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().PostAsJsonAsync("/api/auth/reset-password", new { email = user.Email })).StatusCode);
        Assert.Contains("Subject: Ripristina la tua password di BudgetControl", await MailToAsync(user.Email, "/api/auth/reset-password/"));
    }

    [Fact]
    public async Task Bad_profile_input_gets_400_naming_the_field_and_changes_nothing()
    {
        var user = await app.NewUserAsync("Bea");
        var client = user.Client();
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { name = "" }, "name"),
            (new { name = "   " }, "name"),
            (new { name = (string?)null }, "name"),
            (new { name = new string('x', 256) }, "name"),
            (new { name = 5 }, "name"),
            (new { locale = "fr" }, "locale"),
            (new { locale = "" }, "locale"),
            (new { locale = 7 }, "locale"),
            (new { name = "Valid", locale = "xx" }, "locale"),
        })
        {
            var problem = await (await client.PutAsJsonAsync("/api/auth/profile", body)).Problem(HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]![field]);
        }
        var profile = await (await client.GetAsync("/api/auth/profile")).Json();
        Assert.Equal("Bea", (string)profile["name"]!);
        Assert.Equal("en", (string)profile["locale"]!);
    }

    [Fact]
    public async Task Password_change_needs_the_current_password_and_ends_the_other_sessions()
    {
        var user = await app.NewUserAsync();
        var other = await app.SignInAsync(user.Email, BudgetApp.Password);
        var client = user.Client();

        var wrong = await client.PutAsJsonAsync("/api/auth/password", new { current_password = "Wrong#Passw0rd", password = NewPassword, password_confirmation = NewPassword });
        Assert.NotNull((await wrong.Problem(HttpStatusCode.BadRequest))["errors"]!["current_password"]);
        var weak = await client.PutAsJsonAsync("/api/auth/password", new { current_password = BudgetApp.Password, password = "weak", password_confirmation = "weak" });
        Assert.NotNull((await weak.Problem(HttpStatusCode.BadRequest))["errors"]!["password"]);
        var mismatch = await client.PutAsJsonAsync("/api/auth/password", new { current_password = BudgetApp.Password, password = NewPassword, password_confirmation = "Other#Passw0rd" });
        Assert.NotNull((await mismatch.Problem(HttpStatusCode.BadRequest))["errors"]!["password_confirmation"]);
        var missing = (await (await client.PutAsJsonAsync("/api/auth/password", new { })).Problem(HttpStatusCode.BadRequest))["errors"]!;
        Assert.NotNull(missing["current_password"]);
        Assert.NotNull(missing["password"]);
        // Nothing above changed the password or ended a session.
        Assert.Equal(HttpStatusCode.OK, (await other.Client().GetAsync("/api/auth/check")).StatusCode);

        var done = await client.PutAsJsonAsync("/api/auth/password", new { current_password = BudgetApp.Password, password = NewPassword, password_confirmation = NewPassword });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        var anonymous = app.Anonymous();
        await (await anonymous.PostAsJsonAsync("/api/auth/authenticate", new { email = user.Email, password = BudgetApp.Password })).Problem(HttpStatusCode.Unauthorized);
        await app.SignInAsync(user.Email, NewPassword);
        // The other session is over: its access token and its refresh token are refused.
        await (await other.Client().GetAsync("/api/auth/check")).Problem(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = other.RefreshToken })).Problem(HttpStatusCode.Unauthorized);
        // The session that changed the password goes on.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/check")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).StatusCode);
    }

    [Fact]
    public async Task Profile_and_password_need_a_signed_in_user()
    {
        var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/auth/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/auth/profile", new { name = "Eve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/auth/password",
            new { current_password = BudgetApp.Password, password = NewPassword, password_confirmation = NewPassword })).StatusCode);
    }

    /// <summary>The newest mail to <paramref name="email"/> that contains <paramref name="marker"/>, from the pickup folder.</summary>
    private async Task<string> MailToAsync(string email, string marker)
    {
        // The outbox writes the mail from a background job: wait for it, generously on a loaded machine.
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if (!Directory.Exists(app.MailDirectory))
            {
                continue;
            }
            foreach (var file in Directory.GetFiles(app.MailDirectory, "*.eml").OrderDescending())
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains(email, StringComparison.OrdinalIgnoreCase) && text.Contains(marker, StringComparison.Ordinal))
                {
                    return text;
                }
            }
        }
        throw new InvalidOperationException($"No mail with '{marker}' for {email}.");
    }

    [Fact]
    public async Task A_NUL_in_the_profile_name_is_a_400_on_both_databases_and_changes_nothing()
    {
        // PostgreSQL refused the save with a 500; SQLite stored the NUL.
        var user = await app.NewUserAsync("Pat");
        var response = await user.Client().PutAsync("/api/auth/profile", new StringContent("{\"name\": \"Pa\\u0000t\"}", System.Text.Encoding.UTF8, "application/json"));
        await response.Problem(HttpStatusCode.BadRequest);
        Assert.Equal("Pat", (string)(await (await user.Client().GetAsync("/api/auth/profile")).Json())["name"]!);
    }
}

public sealed class SqliteProfileTests(SqliteApp app) : ProfileTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresProfileTests(PostgresApp app) : ProfileTests(app), IClassFixture<PostgresApp>;
