using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Hosting;

/// <summary>
/// Listening on a Unix domain socket (<c>urls=http://unix:/run/budgetcontrol/wallets.sock</c>, alone or beside a TCP
/// address, ';'-separated): the gateway on the same host then reaches the service without the loopback TCP stack
/// (<c>Gateway:Services:wallets=unix:/run/budgetcontrol/wallets.sock</c>; docs/operations.md, "Unix domain sockets").
/// Kestrel binds the path; this makes that safe to restart and to share:
/// - a socket file left by a process that was killed (nothing accepts on it) is removed before binding, while one that
///   another process still serves is left alone (the bind then fails: two processes on one path is a mistake);
/// - a missing folder is created for the owner and its group only (0750), and the socket is made 0660 before it
///   listens: processes of the same user or group (the gateway, nginx in that group) may connect, no one else;
/// - the file is removed when the process stops.
/// </summary>
internal sealed class UnixSocketListeners : IDisposable
{
    private const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private readonly List<string> _bound = [];

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<UnixSocketListeners>();
        services.AddOptions<SocketTransportOptions>()
            .Configure<UnixSocketListeners>((o, listeners) => o.CreateBoundListenSocket = listeners.Bind);
    }

    /// <summary>Kestrel's bind step: TCP as by default; a Unix socket after the clean-up, with its permissions set.</summary>
    public Socket Bind(EndPoint endpoint)
    {
        if (endpoint is not UnixDomainSocketEndPoint unix || OperatingSystem.IsWindows())
        {
            return SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        }
        var path = unix.ToString();
        if (Path.GetDirectoryName(path) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
        RemoveIfStale(path);
        var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        try
        {
            // Before Kestrel's listen(): no connection is accepted with the umask's mode.
            File.SetUnixFileMode(path, SocketMode);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        lock (_bound)
        {
            _bound.Add(path);
        }
        return socket;
    }

    /// <summary>Removes a socket file nobody accepts on (its process was killed); a served one, or a file with content, stays.</summary>
    public static void RemoveIfStale(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length > 0)
        {
            return;
        }
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            file.Delete();
        }
        catch (SocketException)
        {
            // Busy (a full backlog) or not ours to judge: leave it; the bind says what is wrong.
        }
    }

    /// <summary>The container is disposed after the server stopped: nothing accepts on these files any more.</summary>
    public void Dispose()
    {
        lock (_bound)
        {
            foreach (var path in _bound)
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
            _bound.Clear();
        }
    }
}
