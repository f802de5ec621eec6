using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace BudgetControl.Bench;

/// <summary>
/// The database's own cost of a read: the SQL behind an endpoint, run by <c>pgbench</c> on the same data
/// in the same run, with per-transaction latencies logged for exact percentiles.
/// </summary>
internal static class Baseline
{
    public static async Task<(double P50Ms, double PerSecond)?> PgbenchAsync(string pgbench, string connectionString, string sql, int connections, double seconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var folder = Directory.CreateTempSubdirectory("bc-pgbench-");
        try
        {
            var script = Path.Combine(folder.FullName, "query.sql");
            await File.WriteAllTextAsync(script, sql.Trim().TrimEnd(';') + ";\n");
            var info = new ProcessStartInfo(pgbench)
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[]
            {
                "-n", "-M", "prepared", "-f", script, "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-j", Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture),
                "-T", Math.Max(1, (int)Math.Round(seconds)).ToString(CultureInfo.InvariantCulture), "-l", "--log-prefix", "tx",
                "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, builder.Database!,
            })
            {
                info.ArgumentList.Add(arg);
            }
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"  pgbench failed: {error.Trim()}");
                return null;
            }
            var latencies = new List<double>();
            foreach (var file in Directory.GetFiles(folder.FullName, "tx*"))
            {
                foreach (var line in await File.ReadAllLinesAsync(file))
                {
                    var fields = line.Split(' ');
                    if (fields.Length > 2 && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
                    {
                        latencies.Add(micros / 1000.0);
                    }
                }
            }
            var tps = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal)) is { } tpsLine
                ? double.Parse(tpsLine.Split(' ')[2], CultureInfo.InvariantCulture)
                : double.NaN;
            var sorted = latencies.Order().ToArray();
            return (Driver.Percentile(sorted, 0.5), tps);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
