using System.Globalization;

namespace BudgetControl.Bench;

/// <summary>
/// CPU time consumed by the server process and by the PostgreSQL cluster, read from <c>/proc</c>. Unlike
/// latency, CPU time per request barely moves when something else loads the machine, so it is the figure to
/// compare between two runs; the cluster's total is the postmaster's own time, what its ended children left in
/// it (<c>cutime</c>/<c>cstime</c>) and the time of its live children.
/// </summary>
internal sealed class CpuMeter(int serverPid, string? postgresDataDirectory)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public (double Server, double Database) Read() => (ProcessSeconds(serverPid, children: false), PostgresSeconds());

    private double PostgresSeconds()
    {
        if (postgresDataDirectory is null || !File.Exists(Path.Combine(postgresDataDirectory, "postmaster.pid")))
        {
            return double.NaN;
        }
        var postmaster = int.Parse(File.ReadLines(Path.Combine(postgresDataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var total = ProcessSeconds(postmaster, children: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat && stat.Parent == postmaster)
            {
                total += (stat.User + stat.System) / TicksPerSecond;
            }
        }
        return total;
    }

    private static double ProcessSeconds(int pid, bool children) => Stat(pid) is { } s
        ? (s.User + s.System + (children ? s.ChildrenUser + s.ChildrenSystem : 0)) / TicksPerSecond
        : double.NaN;

    private static (int Parent, long User, long System, long ChildrenUser, long ChildrenSystem)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long F(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture); // n: field number in proc(5)
        return ((int)F(4), F(14), F(15), F(16), F(17));
    }
}
