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
        private readonly List<(string Modifier, string Pattern, bool Gateway)> _locations = [];

        public IEnumerable<string> GatewayPrefixes => _locations.Where(l => l.Gateway && !l.Modifier.StartsWith('~')).Select(l => l.Pattern.TrimEnd('/'));

        public static NginxServer Parse(string text)
        {
            // The TLS server is the last server block of the file.
            var start = text.LastIndexOf("server {", StringComparison.Ordinal);
            var server = new NginxServer();
            foreach (Match match in Location().Matches(text, start))
            {
                var body = Block(text, match.Index + match.Length);
                server._locations.Add((match.Groups["mod"].Value, match.Groups["pattern"].Value, body.Contains("proxy_pass http://bc_gateway;", StringComparison.Ordinal)));
            }
            return server;
        }

        public bool ProxiesToGateway(string path)
        {
            path = MergeSlashes().Replace(path, "/");
            var exact = _locations.FirstOrDefault(l => l.Modifier == "=" && l.Pattern == path);
            if (exact.Pattern is not null)
            {
                return exact.Gateway;
            }
            var prefix = _locations.Where(l => l.Modifier is "" or "^~" && path.StartsWith(l.Pattern, StringComparison.Ordinal))
                .OrderByDescending(l => l.Pattern.Length).FirstOrDefault();
            if (prefix.Modifier == "^~")
            {
                return prefix.Gateway;
            }
            foreach (var regex in _locations.Where(l => l.Modifier.StartsWith('~')))
            {
                var options = regex.Modifier == "~*" ? RegexOptions.IgnoreCase : RegexOptions.None;
                if (Regex.IsMatch(path, regex.Pattern, options))
                {
                    return regex.Gateway;
                }
            }
            return prefix.Pattern is not null && prefix.Gateway;
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
