using System.Net;
using System.Net.Http.Json;
using BudgetControl.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Tests;

/// <summary>What every process offers: the API description and the health endpoints.</summary>
public sealed class PlatformTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var document = await (await app.Anonymous().GetAsync("/openapi/v1.json")).Json();
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/workspace/create"));
        Assert.True(paths.ContainsKey("/api/auth/sign-up"));
        Assert.True(paths.ContainsKey("/api/currencies"));
    }

    [Fact]
    public async Task The_interactive_api_page_is_served()
    {
        var page = await app.Anonymous().GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Liveness_and_request_ids_are_answered()
    {
        var alive = await app.Anonymous().GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.True(alive.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task Unknown_routes_answer_problem_details()
    {
        var response = await app.Anonymous().GetAsync("/api/nothing-here");
        await response.Problem(HttpStatusCode.NotFound);
    }
}

/// <summary>
/// A dependency that is down degrades its feature, not the app: with the SMTP server and the Redis
/// cache unreachable, sign-up, login and workspace calls still work and the mail is kept in the outbox.
/// </summary>
public sealed class DegradedDependenciesTests(DegradedDependenciesTests.App app) : IClassFixture<DegradedDependenciesTests.App>
{
    public sealed class App : BudgetApp
    {
        public override BudgetControl.Data.DatabaseProvider Provider => BudgetControl.Data.DatabaseProvider.Sqlite;

        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("Mail:Smtp:Host", "127.0.0.1"),
            new("Mail:Smtp:Port", "1"),
            new("ConnectionStrings:Redis", "127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=200,asyncTimeout=200,connectRetry=0"),
        ];
    }

    [Fact]
    public async Task Sign_up_login_and_workspaces_work_with_smtp_and_redis_down()
    {
        var email = $"dora{Guid.NewGuid():N}@example.com";
        var signUp = await app.Anonymous().PostAsJsonAsync("/api/auth/sign-up", new { name = "Dora", email, password = BudgetApp.Password });
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var user = await app.SignInAsync(email, BudgetApp.Password, "Dora"); // within the confirmation grace period
        var workspace = await user.CreateWorkspaceAsync("Home");
        var current = await user.Client(workspace).GetAsync("/api/workspace/current");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var reset = await app.Anonymous().PostAsJsonAsync("/api/auth/reset-password", new { email = user.Email });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        // Both mails wait in the outbox for the SMTP server (the dispatcher retries them with back-off).
        var pending = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.To.Contains(email) && m.SentAt == null).Select(m => m.Template).ToListAsync());
        Assert.Equal(["password-reset", "sign-up"], pending.Order());
    }
}
