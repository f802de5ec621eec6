using System.Diagnostics;
using System.Text;

namespace BudgetControl.Tests.Web;

/// <summary>Runs alone, after the parallel classes: the browser run is the heaviest thing in the suite.</summary>
[CollectionDefinition(nameof(WebAppCollection), DisableParallelization = true)]
public sealed class WebAppCollection;

/// <summary>Needs Node.js, the web app's sources and Debian's chromium; skipped, not failed, where one is missing.</summary>
public sealed class WebAppFactAttribute : FactAttribute
{
    public WebAppFactAttribute()
    {
        if (WebAppTests.Node is null)
        {
            Skip = "Node.js is not installed: the web app's tests need it (apt-get install -y nodejs npm, or Node.js 20).";
        }
        else if (WebAppTests.WebDirectory is null)
        {
            Skip = "web/ was not found above the test binaries.";
        }
        else if (new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.All(p => !File.Exists(p)))
        {
            Skip = "chromium is not installed: apt-get install -y chromium (.ci/run does it).";
        }
    }
}

/// <summary>
/// The web app's own test suites as part of the one test command: Vitest (store, API client, formatting,
/// messages, with the TypeScript check), the login screen's JavaScript budget, and the Playwright browser
/// scenarios against the real all-in-one server (web/e2e/run.mjs). A failure shows the tool's output.
/// </summary>
[Collection(nameof(WebAppCollection))]
public sealed class WebAppTests
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private static readonly SemaphoreSlim Build = new(1, 1);
    private static bool _installed;

    internal static string? Node { get; } = FindOnPath("node");

    internal static string? WebDirectory { get; } = FindWebDirectory();

    [WebAppFact]
    public async Task Unit_tests_of_the_store_api_client_and_formatting_pass()
    {
        await EnsureInstalledAsync();
        await RunAsync("npm", ["test"], TimeSpan.FromMinutes(4));
    }

    [WebAppFact]
    public async Task Browser_scenarios_pass_against_the_real_server_with_no_serious_accessibility_violation()
    {
        await EnsureBuiltAsync();
        await RunAsync(Node!, ["e2e/run.mjs"], TimeSpan.FromMinutes(6), ("BC_SERVER_DLL", ServerDll()));
    }

    [WebAppFact]
    public async Task Login_screen_javascript_is_at_most_250_kB_gzipped()
    {
        await EnsureBuiltAsync();
        var output = await RunAsync("npm", ["run", "size"], TimeSpan.FromMinutes(1));
        Assert.Contains("login screen JavaScript:", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The server's build runs `npm run build` when the app is stale; this catches runs without that build
    /// (`dotnet test --no-build` after editing web/), so the browser never tests an old app.
    /// </summary>
    private static async Task EnsureBuiltAsync()
    {
        await EnsureInstalledAsync();
        await Build.WaitAsync();
        try
        {
            var built = new FileInfo(Path.Combine(WebDirectory!, "dist", ".vite", "manifest.json"));
            var sources = new[] { "src", "public" }
                .SelectMany(d => Directory.EnumerateFiles(Path.Combine(WebDirectory!, d), "*", SearchOption.AllDirectories))
                .Concat(new[] { "index.html", "vite.config.ts", "package-lock.json" }.Select(f => Path.Combine(WebDirectory!, f)));
            if (!built.Exists || sources.Any(f => File.GetLastWriteTimeUtc(f) > built.LastWriteTimeUtc))
            {
                await RunAsync("npm", ["run", "build"], TimeSpan.FromMinutes(3));
            }
        }
        finally
        {
            Build.Release();
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (!_installed && !File.Exists(Path.Combine(WebDirectory!, "node_modules", ".package-lock.json")))
            {
                await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            }
            _installed = true;
        }
        finally
        {
            Install.Release();
        }
    }

    /// <summary>The server binary built beside this test run (same configuration).</summary>
    private static string ServerDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.GetFullPath(Path.Combine(WebDirectory!, "..", "src", "BudgetControl.Server", "bin", configuration, "net10.0", "BudgetControl.Server.dll"));
        Assert.True(File.Exists(dll), $"The server binary is missing: {dll}");
        return dll;
    }

    private static async Task<string> RunAsync(string file, string[] arguments, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = WebDirectory!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.Environment["CI"] = "1";
        start.Environment["NO_COLOR"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"`{file} {string.Join(' ', arguments)}` did not finish in {timeout}:\n{Tail(output)}");
        }
        process.WaitForExit(); // drains the redirected streams
        var text = Tail(output);
        Assert.True(process.ExitCode == 0, $"`{file} {string.Join(' ', arguments)}` failed ({process.ExitCode}):\n{text}");
        return text;
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= 20_000 ? text : text[^20_000..];
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static string? FindWebDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BudgetControl.slnx")))
            {
                var web = Path.Combine(dir.FullName, "web");
                return File.Exists(Path.Combine(web, "package.json")) ? web : null;
            }
        }
        return null;
    }
}
