using System.Globalization;

namespace BudgetControl.Bench;

/// <summary>What one bench run does, from the command line (see bench/run.sh).</summary>
internal sealed record Options(
    string Mode,
    string ServerDll,
    string PostgresAdmin,
    string? Pgbench,
    int Entries,
    int OtherWorkspaces,
    int OtherEntries,
    int SqliteEntries,
    double Seconds,
    int[] Connections,
    string ResultsDirectory,
    string DocsFile,
    int Seed,
    string? PostgresDataDirectory,
    string[] Only,
    bool Statements,
    IReadOnlyDictionary<string, string> ServerEnvironment,
    IReadOnlyDictionary<string, string> GatewayEnvironment,
    bool GatewayUds,
    bool GatewayH2,
    int? ServerPool)
{
    /// <summary>
    /// Whether a scenario runs: all of them, or those whose name contains one of <c>--only a,b</c> (for profiling one path).
    /// The word <c>sqlite</c> among them is not a name: it selects the engine (<see cref="SqliteOnly"/>).
    /// </summary>
    public bool Runs(string scenario) =>
        Only.Where(o => !IsSqlite(o)).ToArray() is var names && (names.Length == 0 || names.Any(o => scenario.Contains(o, StringComparison.OrdinalIgnoreCase)));

    /// <summary><c>--only sqlite</c> (alone or with scenario names): only the SQLite part runs; PostgreSQL is neither seeded nor measured.</summary>
    public bool SqliteOnly => Only.Any(IsSqlite);

    private static bool IsSqlite(string only) => only.Equals("sqlite", StringComparison.OrdinalIgnoreCase);

    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                map[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
        }
        string Get(string key) => map.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required.");
        var mode = map.GetValueOrDefault("mode", "quick");
        var (entries, others, otherEntries, sqlite, seconds, conns) = mode switch
        {
            "smoke" => (2_000, 3, 200, 500, 0.4, new[] { 1, 4 }),
            "quick" => (100_000, 99, 1_000, 20_000, 1.0, new[] { 1, 4, 16, 64 }),
            "full" => (1_000_000, 999, 1_000, 100_000, 6.0, new[] { 1, 4, 16, 64 }),
            _ => throw new ArgumentException("--mode is smoke, quick or full."),
        };
        if (map.TryGetValue("entries", out var e))
        {
            entries = int.Parse(e, CultureInfo.InvariantCulture);
        }
        if (map.TryGetValue("seconds", out var s))
        {
            seconds = double.Parse(s, CultureInfo.InvariantCulture);
        }
        return new Options(mode, Get("server"), Get("postgres"), map.GetValueOrDefault("pgbench"),
            entries, others, otherEntries, sqlite, seconds, conns,
            Get("results"), map.GetValueOrDefault("docs", ""), int.Parse(map.GetValueOrDefault("seed", "20261126"), CultureInfo.InvariantCulture),
            map.GetValueOrDefault("pgdata"),
            map.TryGetValue("only", out var only) ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
            map.ContainsKey("statements"),
            Environment(map.GetValueOrDefault("server-env")),
            Environment(map.GetValueOrDefault("gateway-env")),
            map.ContainsKey("gateway-uds"),
            map.ContainsKey("gateway-h2"),
            map.TryGetValue("server-pool", out var pool) ? int.Parse(pool, CultureInfo.InvariantCulture) : null);
    }

    /// <summary>
    /// <c>--server-env "A=1;B=2"</c> (every server process) and <c>--gateway-env</c> (the gateway only): runtime settings
    /// tried without publishing again, e.g. <c>DOTNET_TieredPGO=0</c> (an environment variable overrides runtimeconfig.json).
    /// </summary>
    private static Dictionary<string, string> Environment(string? text) =>
        (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal);
}
