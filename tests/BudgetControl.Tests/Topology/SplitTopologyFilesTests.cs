using System.Text.RegularExpressions;
using BudgetControl.Gateway;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace BudgetControl.Tests.Topology;

/// <summary>
/// The files of the split topology cannot drift from the gateway's route table: nginx sends every route of
/// the table to the gateway, the swarm stack and split-up.sh run every service of the table, with a health check.
/// </summary>
public sealed partial class SplitTopologyFilesTests
{
    private static readonly string Repository = FindRepository();

    public static TheoryData<string> RoutePaths => new(RouteTable.Routes.Select(RouteTable.SamplePath));

    [Theory]
    [MemberData(nameof(RoutePaths))]
    public void Nginx_sends_every_route_of_the_table_to_the_gateway(string path)
    {
        var nginx = NginxServer.Parse(File.ReadAllText(Path.Combine(Repository, "deploy", "nginx", "budgetcontrol.conf.template")));
        Assert.True(nginx.ProxiesToGateway(path), $"{path} is not proxied to the gateway by nginx");
        // The original client's doubled slashes: nginx matches locations on the merged path (merge_slashes on).
        Assert.True(nginx.ProxiesToGateway(path.Replace("/api/", "/api//", StringComparison.Ordinal)), $"{path} with a doubled slash");
    }

    [Fact]
    public void Nginx_serves_the_web_app_elsewhere_and_every_gateway_location_has_a_route()
    {
        var nginx = NginxServer.Parse(File.ReadAllText(Path.Combine(Repository, "deploy", "nginx", "budgetcontrol.conf.template")));
        Assert.False(nginx.ProxiesToGateway("/"));
        Assert.False(nginx.ProxiesToGateway("/assets/index-3f2a1b.js"));
        Assert.True(nginx.ProxiesToGateway("/health"));
        Assert.True(nginx.ProxiesToGateway("/api/entry/x.js")); // an API path never falls to the static locations
        foreach (var prefix in nginx.GatewayPrefixes.Where(p => p is not ("/health" or "/api")))
        {
            Assert.Contains(RouteTable.Routes, r => r.Path.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Nginx_revalidates_the_app_shell_and_caches_hashed_assets_for_a_year()
    {
        var nginx = NginxServer.Parse(File.ReadAllText(Path.Combine(Repository, "deploy", "nginx", "budgetcontrol.conf.template")));
        // A new release must reach installed apps: the shell, the service worker and the manifest are never kept stale.
        foreach (var path in new[] { "/", "/index.html", "/sw.js", "/manifest.webmanifest", "/app/entries" })
        {
            Assert.Contains("expires -1;", nginx.BodyFor(path), StringComparison.Ordinal);
        }
        Assert.Contains("expires 1y;", nginx.BodyFor("/assets/index-3f2a1b.js"), StringComparison.Ordinal);
        Assert.Contains("try_files $uri $uri/ /index.html;", nginx.BodyFor("/app/entries"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_builds_the_web_app_once_and_both_the_server_and_nginx_serve_it()
    {
        var stages = DockerStage.Parse(File.ReadAllText(Path.Combine(Repository, "deploy", "Dockerfile")));

        // One Node stage builds web/ from its lockfile, with a Node that Vite accepts (^20.19 or >= 22.12).
        var node = Assert.Single(stages, s => s.Image.StartsWith("node:", StringComparison.Ordinal));
        var major = int.Parse(NodeMajor().Match(node.Image).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(major >= 22, $"{node.Image}: Vite needs Node ^20.19 or >= 22.12");
        var lockfile = node.Lines.FindIndex(l => l.StartsWith("COPY", StringComparison.Ordinal) && l.Contains("web/package-lock.json", StringComparison.Ordinal));
        var install = node.Lines.FindIndex(l => l.StartsWith("RUN npm ci", StringComparison.Ordinal));
        var build = node.Lines.FindIndex(l => l == "RUN npm run build");
        Assert.True(lockfile >= 0 && install > lockfile && build > install, "the Node stage copies the lockfile, runs npm ci, then npm run build");
        var workdir = node.Lines.Last(l => l.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..];
        var dist = $"{workdir.TrimEnd('/')}/dist";

        // The server (the default, last stage) has the app beside its binaries, where WebApp.Root looks (web/).
        var server = stages[^1];
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", server.Image, StringComparison.Ordinal);
        var appDir = server.Lines.Last(l => l.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..];
        Assert.Contains(server.Lines, l => l == $"COPY --from={node.Name} {dist} ./web" || l == $"COPY --from={node.Name} {dist} {appDir}/web");
        // The SDK image has no Node.js: the publish must not try to build the app itself.
        var publish = Assert.Single(stages, s => s.Lines.Any(l => l.Contains("dotnet publish", StringComparison.Ordinal)));
        Assert.Contains(publish.Lines, l => l.Contains("-p:BuildWebApp=false", StringComparison.Ordinal));

        // nginx of the swarm: an image stage with the same files, used by stack.yml, serving the folder it names.
        var web = Assert.Single(stages, s => s.Name == "web");
        Assert.StartsWith("nginx:", web.Image, StringComparison.Ordinal);
        var copy = Assert.Single(web.Lines, l => l.StartsWith($"COPY --from={node.Name} {dist} ", StringComparison.Ordinal));
        var root = copy.Split(' ')[^1].TrimEnd('/');
        var yaml = File.ReadAllText(Path.Combine(Repository, "deploy", "stack.yml"));
        var stack = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(new StringReader(yaml))));
        var nginx = (Dictionary<object, object>)((Dictionary<object, object>)stack["services"])["nginx"];
        Assert.Matches(@"^\$\{BC_WEB_IMAGE:-[^}]+\}$", (string)nginx["image"]);
        Assert.Equal(root, ((Dictionary<object, object>)nginx["environment"])["BC_WEB_ROOT"]);
        // A volume over that folder would hide the files baked into the image.
        Assert.DoesNotContain(nginx.TryGetValue("volumes", out var volumes) ? ((List<object>)volumes).Cast<string>() : Enumerable.Empty<string>(),
            v => v.Split(':').Skip(1).FirstOrDefault()?.TrimEnd('/') == root);

        // The build context carries sources only: no node_modules or old builds copied over the fresh ones.
        var ignored = File.ReadAllLines(Path.Combine(Repository, ".dockerignore")).Select(l => l.Trim()).ToList();
        Assert.Contains("**/node_modules", ignored);
        Assert.Contains("web/dist", ignored);
    }

    [Fact]
    public void The_route_table_sends_each_public_path_to_one_service_that_exists()
    {
        Assert.Equal(RouteTable.Routes.Count, RouteTable.Routes.Select(r => r.Path).Distinct().Count());
        Assert.All(RouteTable.Routes, r => Assert.Contains(RouteTable.Services, s => s.Name == r.Service));
        Assert.Equal(RouteTable.Services.Count, RouteTable.Services.Select(s => s.Port).Distinct().Count());
        Assert.Contains(RouteTable.Services, s => s.Modules.Split(',').Contains("core"));
    }

    [Fact]
    public void The_swarm_stack_runs_every_service_of_the_table_with_its_port_and_a_health_check()
    {
        var yaml = File.ReadAllText(Path.Combine(Repository, "deploy", "stack.yml"));
        var stack = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(new StringReader(yaml))));
        var services = (Dictionary<object, object>)stack["services"];
        foreach (var service in RouteTable.Services)
        {
            Assert.True(services.ContainsKey(service.Name), $"{service.Name} is missing from stack.yml");
            var definition = (Dictionary<object, object>)services[service.Name];
            var environment = (Dictionary<object, object>)definition["environment"];
            Assert.Equal(service.Modules, environment["Modules"]);
            Assert.Equal($"http://0.0.0.0:{service.Port}", environment["ASPNETCORE_URLS"]);
            var health = (Dictionary<object, object>)definition["healthcheck"];
            Assert.Contains($"http://127.0.0.1:{service.Port}/health", ((List<object>)health["test"]).Cast<string>());
            Assert.Contains("backend", ((List<object>)definition["networks"]).Cast<string>());

            var gateway = (Dictionary<object, object>)((Dictionary<object, object>)services["gateway"])["environment"];
            Assert.Equal($"http://{service.Name}:{service.Port}", gateway[$"Gateway__Services__{service.Name}"]);
        }
        foreach (var name in new[] { "gateway", "migrate", "postgres", "redis", "nginx" })
        {
            Assert.True(services.ContainsKey(name), $"{name} is missing from stack.yml");
        }
        Assert.Equal("overlay", ((Dictionary<object, object>)((Dictionary<object, object>)stack["networks"])["backend"])["driver"]);
    }

    [Fact]
    public void Split_up_starts_every_service_of_the_table_with_its_modules_and_port()
    {
        var script = File.ReadAllText(Path.Combine(Repository, "deploy", "local", "split-up.sh"));
        var line = ServicesLine().Match(script).Groups[1].Value;
        var started = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split(':')).ToDictionary(p => p[0], p => (Modules: p[1], Offset: int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(RouteTable.Services.Select(s => s.Name).Order(), started.Keys.Order());
        Assert.All(RouteTable.Services, s => Assert.Equal((s.Modules, s.Port - 8080), started[s.Name]));
    }

    [GeneratedRegex("""^services="([^"]+)"$""", RegexOptions.Multiline)]
    private static partial Regex ServicesLine();

    [GeneratedRegex(@"^node:(\d+)")]
    private static partial Regex NodeMajor();

    /// <summary>A stage of a Dockerfile: its base image, its name and its instructions (continuations joined, comments dropped).</summary>
    private sealed partial record DockerStage(string Image, string? Name, List<string> Lines)
    {
        public static List<DockerStage> Parse(string text)
        {
            var stages = new List<DockerStage>();
            var joined = text.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
            foreach (var raw in joined.Split('\n'))
            {
                var line = Spaces().Replace(raw.Trim(), " ");
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }
                if (From().Match(line) is { Success: true } from)
                {
                    stages.Add(new DockerStage(from.Groups["image"].Value, from.Groups["name"].Success ? from.Groups["name"].Value : null, []));
                }
                else if (stages.Count > 0)
                {
                    stages[^1].Lines.Add(line);
                }
            }
            return stages;
        }

        [GeneratedRegex(@"^FROM (?<image>\S+)(?: AS (?<name>\S+))?$", RegexOptions.IgnoreCase)]
        private static partial Regex From();

        [GeneratedRegex(@"\s+")]
        private static partial Regex Spaces();
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BudgetControl.slnx")))
        {
            directory = directory.Parent;
        }
        return directory!.FullName;
    }

    /// <summary>
    /// The HTTPS server's locations and nginx's choice among them: an exact match; otherwise the longest
    /// prefix, unless regular expressions (in order) match and that prefix is not <c>^~</c>.
    /// </summary>
    private sealed partial class NginxServer
    {
        private readonly List<(string Modifier, string Pattern, bool Gateway, string Body)> _locations = [];

        public IEnumerable<string> GatewayPrefixes => _locations.Where(l => l.Gateway && !l.Modifier.StartsWith('~')).Select(l => l.Pattern.TrimEnd('/'));

        public static NginxServer Parse(string text)
        {
            // The TLS server is the last server block of the file.
            var start = text.LastIndexOf("server {", StringComparison.Ordinal);
            var server = new NginxServer();
            foreach (Match match in Location().Matches(text, start))
            {
                var body = Block(text, match.Index + match.Length);
                server._locations.Add((match.Groups["mod"].Value, match.Groups["pattern"].Value, body.Contains("proxy_pass http://bc_gateway;", StringComparison.Ordinal), body));
            }
            return server;
        }

        public bool ProxiesToGateway(string path) => Choose(path) is { Pattern: not null } chosen && chosen.Gateway;

        /// <summary>The block of the location nginx picks for <paramref name="path"/> (empty when none does).</summary>
        public string BodyFor(string path) => Choose(path).Body ?? "";

        private (string Modifier, string Pattern, bool Gateway, string Body) Choose(string path)
        {
            path = MergeSlashes().Replace(path, "/");
            var exact = _locations.FirstOrDefault(l => l.Modifier == "=" && l.Pattern == path);
            if (exact.Pattern is not null)
            {
                return exact;
            }
            var prefix = _locations.Where(l => l.Modifier is "" or "^~" && path.StartsWith(l.Pattern, StringComparison.Ordinal))
                .OrderByDescending(l => l.Pattern.Length).FirstOrDefault();
            if (prefix.Modifier == "^~")
            {
                return prefix;
            }
            foreach (var regex in _locations.Where(l => l.Modifier.StartsWith('~')))
            {
                var options = regex.Modifier == "~*" ? RegexOptions.IgnoreCase : RegexOptions.None;
                if (Regex.IsMatch(path, regex.Pattern, options))
                {
                    return regex;
                }
            }
            return prefix;
        }

        private static string Block(string text, int open)
        {
            var depth = 1;
            var i = open;
            while (depth > 0 && i < text.Length)
            {
                depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
                i++;
            }
            return text[open..i];
        }

        [GeneratedRegex("""location\s+(?<mod>=|\^~|~\*|~)?\s*(?<pattern>[^\s@{][^\s{]*)\s*\{""")]
        private static partial Regex Location();

        [GeneratedRegex("/{2,}")]
        private static partial Regex MergeSlashes();
    }
}
