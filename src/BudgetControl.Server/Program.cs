using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Server;

// Content root = the binaries' folder, so that `dotnet run --project ...` finds appsettings.json
// from any working directory; data still goes to ./data of the working directory (AppPaths).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != "migrate").ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
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

var app = builder.Build();

var migrateOnly = args.Contains("migrate");
if (migrateOnly || app.Configuration.GetValue("Database:MigrateOnStart", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<BudgetDbContext>().MigrateAsync();
    await app.Services.GetRequiredService<IEnumerable<IStartupTask>>().RunAllAsync(scope.ServiceProvider);
}
if (migrateOnly)
{
    return;
}

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
await app.RunAsync();

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
