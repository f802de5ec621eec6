using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BudgetControl.Bench;

/// <summary>The published all-in-one server, started as a child process on a free loopback port.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _sinceStart;

    private ServerProcess(Process process, Stopwatch sinceStart, Uri baseAddress, TimeSpan startTime, TimeSpan startCpu, string? unixSocket)
    {
        UnixSocket = unixSocket;
        _process = process;
        _sinceStart = sinceStart;
        BaseAddress = baseAddress;
        StartTime = startTime;
        StartCpu = startCpu;
    }

    public Uri BaseAddress { get; }

    /// <summary>The Unix domain socket the server also listens on (<c>--gateway-uds</c>), or null.</summary>
    public string? UnixSocket { get; }

    /// <summary>From process start to the first served <c>/health</c>.</summary>
    public TimeSpan StartTime { get; }

    /// <summary>
    /// CPU time (user + system, all threads) the process had used when it served its first <c>/health</c>: unlike
    /// <see cref="StartTime"/> it barely moves when other work shares the cores.
    /// </summary>
    public TimeSpan StartCpu { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServerProcess> StartAsync(string serverDll, IReadOnlyDictionary<string, string> settings, int? port = null, string? unixSocket = null)
    {
        var chosen = port ?? FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(serverDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(unixSocket is null ? $"http://127.0.0.1:{chosen}" : $"http://127.0.0.1:{chosen};http://unix:{unixSocket}");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["RateLimiting__PermitsPerMinute"] = "0";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Error";
        // A full run lasts longer than the default 15-minute access token.
        info.Environment["Auth__AccessTokenLifetime"] = "03:00:00";
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{chosen}");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited ({process.ExitCode}): {errors}");
            }
            try
            {
                using var response = await probe.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var elapsed = clock.Elapsed;
                    return new ServerProcess(process, clock, address, elapsed, CpuTime(process.Id), unixSocket);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(10);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"The server did not answer /health within 120 s: {errors}");
    }

    /// <summary>Resident set size of the server process, in MiB.</summary>
    public double RssMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }
        return 0;
    }

    /// <summary>Time since the process was started.</summary>
    public TimeSpan Elapsed() => _sinceStart.Elapsed;

    /// <summary>CPU time (user + system) of the process so far.</summary>
    public TimeSpan CpuTime() => CpuTime(_process.Id);

    /// <summary>
    /// What the resident set is made of, from <c>/proc/PID/smaps</c>, in MiB: mapped assemblies (.dll), native
    /// libraries (.so, ICU data included), the runtime's double-mapped executable memory (W^X), anonymous memory (GC
    /// heap, JIT'd code without W^X, native allocations, stacks) and the rest; then the largest mapped assemblies.
    /// </summary>
    public string RssBreakdown()
    {
        var categories = new Dictionary<string, double>(StringComparer.Ordinal);
        var files = new Dictionary<string, double>(StringComparer.Ordinal);
        var current = "";
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/smaps"))
        {
            if (IsMappingHeader(line))
            {
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                current = fields.Length >= 6 ? fields[5].Trim() : "";
                continue;
            }
            if (!line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                continue;
            }
            var mib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            var category = current switch
            {
                _ when current.EndsWith(".dll", StringComparison.Ordinal) => "assemblies",
                _ when current.Contains(".so", StringComparison.Ordinal) || current.EndsWith(".dat", StringComparison.Ordinal) => "native libraries",
                _ when current.Contains("doublemapper", StringComparison.Ordinal) => "double-mapped code",
                "" or "[heap]" or "[stack]" or "[anon]" => "anonymous",
                _ => "other",
            };
            categories[category] = categories.GetValueOrDefault(category) + mib;
            if (category == "assemblies")
            {
                files[Path.GetFileName(current)] = files.GetValueOrDefault(Path.GetFileName(current)) + mib;
            }
        }
        var summary = string.Join(", ", categories.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:F1}")));
        var largest = string.Join(", ", files.OrderByDescending(f => f.Value).Take(12).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value:F1}")));
        return $"{summary}; largest assemblies: {largest}";
    }

    // "7f1c2a000000-7f1c2a021000 rw-p 00000000 00:00 0    [heap]": an address range, permissions, offset, device, inode, name.
    private static bool IsMappingHeader(string line)
    {
        var dash = line.IndexOf('-', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return dash > 0 && space > dash && line[..dash].All(char.IsAsciiHexDigit);
    }

    private static TimeSpan CpuTime(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime (fields 14, 15)
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
