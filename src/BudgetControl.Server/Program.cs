using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Server;

// `health URL`: the container health check (the runtime image has no curl): exit 0 when URL answers 2xx.
if (args is ["health", var healthUrl])
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
    try
    {
        return (await http.GetAsync(new Uri(healthUrl))).IsSuccessStatusCode ? 0 : 1;
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        return 1;
    }
}

// Start-up stages, logged once the server listens (docs/performance.md, "Start-up"): what a cold start spends where.
var startup = System.Diagnostics.Stopwatch.StartNew();
var beforeMain = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;

// Content root = the binaries' folder, so that `dotnet run --project ...` finds appsettings.json
// from any working directory; data still goes to ./data of the working directory (AppPaths).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != "migrate").ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
// Swarm secrets as configuration: a file /run/secrets/Auth__SessionKey sets Auth:SessionKey.
if (builder.Configuration["BudgetControl:SecretsDirectory"] is { Length: > 0 } secrets && Directory.Exists(secrets))
{
    builder.Configuration.AddKeyPerFile(secrets, optional: true);
}
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:8080");
}

var modules = Modules.Select(builder.Configuration["Modules"]);
builder.AddServiceDefaults(localIssuer: modules.Any(m => m.Name == Modules.Authentication));
foreach (var module in modules)
{
    module.Add(builder);
}

var configured = startup.Elapsed;
var app = builder.Build();
var built = startup.Elapsed;

var migrateOnly = args.Contains("migrate");
if (migrateOnly || app.Configuration.GetValue("Database:MigrateOnStart", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<BudgetDbContext>().MigrateAsync();
}
if (migrateOnly)
{
    return 0;
}
var migrated = startup.Elapsed;

var webApp = WebApp.Root(app.Configuration);
if (webApp is not null)
{
    app.UseWebAppFiles(webApp);
}
app.UseServiceDefaults();
app.MapDefaultEndpoints();
foreach (var module in modules)
{
    module.Map(app);
}
if (webApp is not null)
{
    app.MapWebAppFallback(webApp);
}
var mapped = startup.Elapsed;
app.Lifetime.ApplicationStarted.Register(() =>
{
    if (app.Logger.IsEnabled(LogLevel.Information))
    {
        app.Logger.LogInformation(
            "Listening {Total} ms after the process started: runtime {Runtime} ms, services {Services} ms, build {Build} ms, migrations check {Migrations} ms, endpoints {Endpoints} ms, host start {Host} ms",
            (int)(beforeMain + startup.Elapsed).TotalMilliseconds, (int)beforeMain.TotalMilliseconds, (int)configured.TotalMilliseconds,
            (int)(built - configured).TotalMilliseconds, (int)(migrated - built).TotalMilliseconds, (int)(mapped - migrated).TotalMilliseconds,
            (int)(startup.Elapsed - mapped).TotalMilliseconds);
    }
});
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
