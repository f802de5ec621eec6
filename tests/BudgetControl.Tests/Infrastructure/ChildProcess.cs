using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// A server a test fixture runs as a child process (redis-server, dynalite): its output is discarded, it is
/// ready once <c>ready</c> says so, and it is killed by <see cref="StopAsync"/> or, at the latest, when the test
/// process exits. With a pid file, <c>.ci/run</c> can stop one that a crashed run left behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _pidFile;
    private int _stopped;

    private ChildProcess(Process process, string? pidFile)
    {
        _process = process;
        _pidFile = pidFile;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    /// <summary>Starts <paramref name="executable"/> and waits (up to 10 s) until <paramref name="ready"/> answers true.</summary>
    public static async Task<ChildProcess> StartAsync(string executable, IEnumerable<string> arguments, Func<Task<bool>> ready, string? pidFile = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildProcess(process, pidFile);
        if (pidFile is not null)
        {
            await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture));
        }
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await ready())
            {
                return child;
            }
            await Task.Delay(50);
        }
        await child.StopAsync();
        throw new InvalidOperationException($"{Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList)} did not become ready.");
    }

    /// <summary>Kills the server (as a crash would: no goodbye to its clients) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        // Idempotent: a fixture may stop its server and be disposed afterwards.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (_pidFile is not null)
        {
            File.Delete(_pidFile);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>A loopback port nothing listens on at the moment.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts TCP connections on the loopback <paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
