using System.Diagnostics;
using System.Text.Json.Nodes;
using BudgetControl.Data;
using BudgetControl.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetControl.Tests.Clients;

/// <summary>The all-in-one server on a real loopback port (Kestrel), for a real browser.</summary>
public sealed class KestrelClientApp : ClientApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public Uri Address { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }

    protected override void Start()
    {
        UseKestrel();
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}

/// <summary>Runs only where Debian's chromium is installed (<c>.ci/run</c> installs it); skipped, not failed, elsewhere.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "chromium is not installed: apt-get install -y chromium (.ci/run does it).";
        }
    }
}

internal static class Chromium
{
    public static string? Executable { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
}

/// <summary>
/// Headless Debian chromium loads a page from a second origin whose script calls the API the way the
/// original web app does (Authorization, X-WS, JSON bodies, so every call is preflighted), first with an
/// expired access token, reads the renewed token from the <c>Authorization</c> response header and goes on
/// with it. The page posts what it saw back to its own origin, where the test reads it.
/// </summary>
public sealed class BrowserTests(KestrelClientApp app) : IClassFixture<KestrelClientApp>
{
    [ChromiumFact]
    public async Task A_page_on_another_origin_calls_the_api_with_an_expired_token_and_picks_up_the_renewed_one()
    {
        var user = await app.NewUserAsync();
        var ws = await user.CreateWorkspaceAsync();
        var wallet = await app.DefaultWalletAsync(ws);
        var expired = app.Expired(user.AccessToken);

        var result = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var page = await PageServerAsync(Page(app.Address, expired, ws, wallet), result);
        var pageUrl = page.Urls.First();
        Assert.NotEqual(new Uri(pageUrl).Port, app.Address.Port); // a different origin

        var profile = Directory.CreateTempSubdirectory("bc-chromium-");
        using var browser = Process.Start(new ProcessStartInfo(Chromium.Executable!)
        {
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}",
                // Keeps the headless browser open until the test has the page's answer.
                "--remote-debugging-port=0", pageUrl,
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        browser.OutputDataReceived += (_, _) => { };
        browser.ErrorDataReceived += (_, _) => { };
        browser.BeginOutputReadLine();
        browser.BeginErrorReadLine();
        try
        {
            var json = await result.Task.WaitAsync(TimeSpan.FromSeconds(90));
            var seen = JsonNode.Parse(json)!;
            Assert.Null((string?)seen["error"]);
            Assert.Equal(200, (int)seen["expiredStatus"]!);
            Assert.StartsWith("Bearer ", (string)seen["renewedHeader"]!);
            Assert.Equal(1, (int)seen["wallets"]!);
            Assert.Equal(201, (int)seen["createStatus"]!);
            Assert.StartsWith("/api/entry/", (string)seen["location"]!);
            Assert.Null((string?)seen["renewedAgain"]); // the renewed token is live: no second renewal
            Assert.Equal(200, (int)seen["doubleSlash"]!);
            Assert.Equal(200, (int)seen["userInfoStatus"]!);
            Assert.False(string.IsNullOrEmpty((string?)seen["bcToken"]));
            Assert.Equal(-12.3m, (decimal)seen["balance"]!);
        }
        finally
        {
            browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync();
            profile.Delete(recursive: true);
        }
    }

    private static async Task<WebApplication> PageServerAsync(string html, TaskCompletionSource<string> result)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var page = builder.Build();
        page.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8"));
        page.MapPost("/result", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            result.TrySetResult(await reader.ReadToEndAsync());
            return Results.NoContent();
        });
        await page.StartAsync();
        return page;
    }

    /// <summary>The page's script: fetch calls with the original client's headers and bodies.</summary>
    private static string Page(Uri api, string expiredToken, Guid workspace, Guid wallet) => $$"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>BudgetControl client</title></head>
        <body><pre id="result">running</pre>
        <script>
        const api = "{{api.GetLeftPart(UriPartial.Authority)}}";
        const ws = "{{workspace}}";
        const seen = {};
        (async () => {
          try {
            let token = "{{expiredToken}}";
            const headers = () => ({ "Authorization": "Bearer " + token, "X-WS": ws, "Content-Type": "application/json" });
            let r = await fetch(api + "/api/wallet/list?filters[archived]=false", { headers: headers() });
            seen.expiredStatus = r.status;
            seen.renewedHeader = r.headers.get("Authorization");
            if (seen.renewedHeader) { token = seen.renewedHeader.substring(7); }
            seen.wallets = (await r.json()).length;

            const body = { amount: -12.3, note: null, labels: [], currency_id: 2, payment_type: 1, transfer_id: false,
              date_time: new Date(Date.now() - 60000).toISOString(), confirmed: true, waranty: false, geolocalization: "",
              planning: 0, end_date_time: null, exclude_from_stats: false, name: null, type: "expenses",
              account_id: "{{wallet}}", category_id: 32 };
            r = await fetch(api + "/api/entry/expense", { method: "POST", headers: { ...headers(), "Idempotency-Key": crypto.randomUUID() }, body: JSON.stringify(body) });
            seen.createStatus = r.status;
            seen.location = r.headers.get("Location");
            seen.renewedAgain = r.headers.get("Authorization");

            r = await fetch(api + "/api//wallet/list", { headers: headers() });
            seen.doubleSlash = r.status;
            seen.balance = (await r.json())[0].balance;

            r = await fetch(api + "/api/auth/user-info", { headers: headers() });
            seen.userInfoStatus = r.status;
            seen.bcToken = r.headers.get("X-BC-Token");
          } catch (e) {
            seen.error = String(e);
          }
          document.getElementById("result").textContent = JSON.stringify(seen);
          await fetch("/result", { method: "POST", body: JSON.stringify(seen) });
        })();
        </script></body></html>
        """;
}
