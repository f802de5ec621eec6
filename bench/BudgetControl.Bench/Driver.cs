using System.Diagnostics;
using System.Net.Http.Json;

namespace BudgetControl.Bench;

/// <summary>One measured request kind: how to make the request, and the SQL baseline behind it (if a read).</summary>
internal sealed record Scenario(string Name, Func<int, HttpRequestMessage> Request, string? BaselineSql = null, bool Anonymous = false);

/// <summary>Latencies and throughput of one scenario at one concurrency.</summary>
internal sealed record Measurement(string Scenario, string Database, int Connections, int Requests, int Errors, double Seconds, double P50Ms, double P99Ms, double PerSecond)
{
    public double? BaselineP50Ms { get; set; }
    public double? BaselinePerSecond { get; set; }
    public string? BaselineKind { get; set; }

    /// <summary>CPU time of the server process per request (µs), warm-up included; see <see cref="CpuMeter"/>.</summary>
    public double? ServerCpuUs { get; set; }

    /// <summary>CPU time of the PostgreSQL cluster per request (µs).</summary>
    public double? DatabaseCpuUs { get; set; }

    /// <summary>CPU time of the gateway process per request (µs), for the requests sent through it.</summary>
    public double? GatewayCpuUs { get; set; }

    /// <summary>Every request sent, warm-up included (what the CPU and statement figures are divided by).</summary>
    public int Sent { get; set; }
}

/// <summary>
/// A closed-loop HTTP load driver: N workers, each sending its next request when the previous one is
/// answered, for a fixed time after a short warm-up; every latency is kept for exact percentiles.
/// </summary>
internal static class Driver
{
    public static async Task<Measurement> RunAsync(Uri baseAddress, string? token, Guid? workspace, Scenario scenario, int connections, double seconds, string database, CpuMeter? cpu = null, CpuMeter? gatewayCpu = null)
    {
        var cpuBefore = cpu?.Read();
        var gatewayBefore = gatewayCpu?.Read();
        using var http = token is null || scenario.Anonymous
            ? new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = baseAddress }
            : BenchApi.Authorized(baseAddress, token, workspace, connections);
        var counter = 0;
        var errors = 0;
        string? firstError = null;
        var latencies = new List<double>[connections];
        var stop = Stopwatch.StartNew();
        var warmUp = TimeSpan.FromSeconds(Math.Min(1, seconds / 3));
        var end = warmUp + TimeSpan.FromSeconds(seconds);
        var measuredFrom = TimeSpan.Zero;
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (stop.Elapsed < end)
            {
                var n = Interlocked.Increment(ref counter);
                using var request = scenario.Request(n);
                var started = stop.Elapsed;
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        firstError ??= $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // A request past the client's timeout is an error of that cell, not the end of the run.
                    Interlocked.Increment(ref errors);
                    firstError ??= ex.Message;
                }
                if (started >= warmUp)
                {
                    mine.Add((stop.Elapsed - started).TotalMilliseconds);
                }
            }
        }).ToArray();
        measuredFrom = warmUp;
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var elapsed = (stop.Elapsed - measuredFrom).TotalSeconds;
        if (firstError is not null)
        {
            Console.Error.WriteLine($"  {scenario.Name} x{connections}: {errors} errors, first: {Truncate(firstError)}");
        }
        var measurement = new Measurement(scenario.Name, database, connections, all.Length, errors, elapsed,
            Percentile(all, 0.50), Percentile(all, 0.99), all.Length / elapsed) { Sent = counter };
        if (cpu is not null && cpuBefore is { } before && counter > 0)
        {
            var after = cpu.Read();
            measurement.ServerCpuUs = Math.Round((after.Server - before.Server) * 1e6 / counter, 1);
            measurement.DatabaseCpuUs = double.IsNaN(after.Database - before.Database) ? null : Math.Round((after.Database - before.Database) * 1e6 / counter, 1);
        }
        if (gatewayCpu is not null && gatewayBefore is { } gatewayStart && counter > 0)
        {
            measurement.GatewayCpuUs = Math.Round((gatewayCpu.Read().Server - gatewayStart.Server) * 1e6 / counter, 1);
        }
        return measurement;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    public static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
