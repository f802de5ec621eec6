using System.Net;
using BudgetControl.Data;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests.Web;

/// <summary>The server with a small stand-in for the built app in its data directory (<c>WebApp:Root</c>).</summary>
public sealed class WebRootApp : BudgetApp
{
    public WebRootApp()
    {
        Directory.CreateDirectory(Path.Combine(Root, "assets"));
        File.WriteAllText(Path.Combine(Root, "index.html"), "<!doctype html><title>BudgetControl</title><div id=app></div>");
        File.WriteAllText(Path.Combine(Root, "assets", "index-abc123.js"), "console.log('app');");
        File.WriteAllText(Path.Combine(Root, "sw.js"), "self.addEventListener('fetch', () => {});");
    }

    public string Root => Path.Combine(DataDirectory, "web");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("WebApp:Root", Root)];
}

/// <summary>
/// The all-in-one server serves the web app at <c>/</c>: deep links get index.html (so the e-mails' links open
/// the app), hashed assets are cached for a year, and the API's answers are unchanged (unknown API paths stay
/// problem-details 404s, never the page). Static files do not touch the database, so one provider suffices.
/// </summary>
public sealed class WebAppServingTests(WebRootApp app) : IClassFixture<WebRootApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/app/dashboard")]
    [InlineData("/app/auth/confirm/some-token")]
    public async Task App_paths_get_index_html_revalidated_on_every_load(string path)
    {
        var response = await app.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=app>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_the_service_worker_is_revalidated()
    {
        var asset = await app.Anonymous().GetAsync("/assets/index-abc123.js");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var worker = await app.Anonymous().GetAsync("/sw.js");
        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.True(worker.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("/assets/missing-123.js")]
    [InlineData("/api/no-such-endpoint")]
    [InlineData("/favicon.ico")]
    public async Task Missing_files_and_unknown_api_paths_are_404_problems_not_the_page(string path)
    {
        var response = await app.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_api_health_and_docs_keep_their_answers()
    {
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        Assert.Equal("application/json", (await client.GetAsync("/openapi/v1.json")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/wallet/list")).StatusCode);
        var post = await client.PostAsync("/app/dashboard", null);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }
}
