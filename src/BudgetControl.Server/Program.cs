using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Server;

// `health URL`: the container health check (the runtime image has no curl): exit 0 when URL answers 2xx.
if (args is ["health", var healthUrl])
{
    return await HealthAsync(new Uri(healthUrl));
}

// Start-up stages, logged once the server listens (docs/performance.md, "Start-up"): what a cold start spends where.
// Each stage's wall time and, in brackets, the process's CPU time in it (stable when other work shares the cores).
var startup = System.Diagnostics.Stopwatch.StartNew();
var beforeMain = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;
var stages = new List<(TimeSpan Wall, TimeSpan Cpu)> { (TimeSpan.Zero, Environment.CpuUsage.TotalTime) };
void Stage() => stages.Add((startup.Elapsed, Environment.CpuUsage.TotalTime));

// Content root = the binaries' folder, so that `dotnet run --project ...` finds appsettings.json
// from any working directory; data still goes to ./data of the working directory (AppPaths).
// The slim builder: the same configuration sources, Kestrel and the console logger, without what this server never
// uses (Kestrel's QUIC transport, the IIS integration, the Debug and EventSource loggers, the host filtering of
// "AllowedHosts": docs/performance.md, "branch memory5"); HTTPS endpoints from configuration are added back.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != "migrate").ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
builder.WebHost.UseKestrelHttpsConfiguration();
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

// The data-protection keys (XML files: System.Private.Xml, the key ring) are read by the first request that
// protects something (an e-mail confirmation or password-reset token), not preloaded before the server answers.
foreach (var preload in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
    && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList())
{
    builder.Services.Remove(preload);
}

Stage();
var app = builder.Build();
Stage();

var migrateOnly = args.Contains("migrate");
if (migrateOnly || app.Configuration.GetValue("Database:MigrateOnStart", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<BudgetDbContext>().MigrateAsync(scope.ServiceProvider.GetRequiredService<DatabaseOptions>());
}
if (migrateOnly)
{
    return 0;
}
Stage();

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
Stage();
app.Lifetime.ApplicationStarted.Register(() =>
{
    Stage();
    if (app.Logger.IsEnabled(LogLevel.Information))
    {
        string Spent(int stage) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(int)(stages[stage].Wall - stages[stage - 1].Wall).TotalMilliseconds} ms [{(int)(stages[stage].Cpu - stages[stage - 1].Cpu).TotalMilliseconds}]");
        app.Logger.LogInformation(
            "Listening {Total} ms [CPU {Cpu} ms] after the process started: runtime {Runtime} ms [{RuntimeCpu}], services {Services}, build {Build}, migrations check {Migrations}, endpoints {Endpoints}, host start {Host}",
            (int)(beforeMain + startup.Elapsed).TotalMilliseconds, (int)stages[^1].Cpu.TotalMilliseconds, (int)beforeMain.TotalMilliseconds,
            (int)stages[0].Cpu.TotalMilliseconds, Spent(1), Spent(2), Spent(3), Spent(4), Spent(5));
    }
});
await app.RunAsync();
return 0;

// A method of its own, so that the server's start does not load System.Net.Http (Main's state would name its types).
static async Task<int> HealthAsync(Uri url)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
    try
    {
        return (await http.GetAsync(url)).IsSuccessStatusCode ? 0 : 1;
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        return 1;
    }
}

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
