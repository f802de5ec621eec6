using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>How a <see cref="FailingDestination"/> fails the requests it gets (health probes are always answered).</summary>
public enum DestinationFailureShape
{
    /// <summary>Reads the whole request, then resets the connection (TCP: RST; Unix socket: closed with unread data).</summary>
    Reset,

    /// <summary>Reads the whole request, then closes the connection (FIN) without a response byte.</summary>
    Close,

    /// <summary>Answers garbage where the status line (HTTP/1.1) or the header block (HTTP/2) belongs.</summary>
    Malformed,

    /// <summary>Sends the response's headers (200, a body announced), then closes the connection.</summary>
    HeadersOnly,

    /// <summary>HTTP/2: answers the first request with GOAWAY naming it unprocessed and closes; answers 200 after that.</summary>
    GoAwayUnprocessed,

    /// <summary>HTTP/2: resets the request's stream (RST_STREAM, INTERNAL_ERROR) and keeps the connection.</summary>
    StreamReset,

    /// <summary>HTTP/2: a service going away: GOAWAY (NO_ERROR) that keeps the request's stream, then closes without answering it.</summary>
    GoAwayKeptThenClosed,
}

/// <summary>
/// A destination for the gateway that fails in one exact way, deterministically: a raw socket listener (TCP on the loopback
/// or a Unix domain socket) speaking just enough HTTP/1.1, or HTTP/2 with prior knowledge, to answer the gateway's health
/// probes (<c>/health</c>: 200) and to fail every other request as <see cref="DestinationFailureShape"/> says.
/// </summary>
public sealed class FailingDestination : IAsyncDisposable
{
    private static readonly byte[] HealthPath = "/health"u8.ToArray();
    private readonly Socket _listener;
    private readonly DestinationFailureShape _shape;
    private readonly bool _http2;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;
    private int _connections;

    private FailingDestination(Socket listener, DestinationFailureShape shape, bool http2, string destination)
    {
        _listener = listener;
        _shape = shape;
        _http2 = http2;
        Destination = destination;
        _accepting = AcceptAsync();
    }

    /// <summary>The address as <c>Gateway:Services:*</c> spells it.</summary>
    public string Destination { get; }

    /// <summary>Requests received other than health probes.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Connections accepted (health probes' included).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <param name="socketPath">A Unix socket to listen on; a loopback TCP port when null.</param>
    public static FailingDestination Start(DestinationFailureShape shape, bool http2, string? socketPath = null)
    {
        if (socketPath is null)
        {
            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            tcp.Listen();
            return new FailingDestination(tcp, shape, http2, $"http://127.0.0.1:{((IPEndPoint)tcp.LocalEndPoint!).Port}");
        }
        var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        unix.Bind(new UnixDomainSocketEndPoint(socketPath));
        unix.Listen();
        return new FailingDestination(unix, shape, http2, $"unix:{socketPath}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                connections.Add(ServeAsync(socket));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        using var owned = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            await (_http2 ? ServeHttp2Async(socket, stream) : ServeHttp1Async(socket, stream));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeHttp1Async(Socket socket, NetworkStream stream)
    {
        while (true)
        {
            // The head up to its last byte: a reset leaves that byte unread (on a Unix socket, unread data is what makes the
            // peer see a reset rather than an end of stream).
            var head = new StringBuilder();
            var next = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(next, _stop.Token) == 0)
                {
                    return;
                }
                head.Append((char)next[0]);
            }
            var text = head.ToString();
            var health = text.StartsWith("GET /health ", StringComparison.Ordinal);
            var resetting = !health && _shape == DestinationFailureShape.Reset;
            var contentLength = text.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault();
            var unread = contentLength + 1;
            await stream.ReadExactlyAsync(new byte[resetting ? unread - 1 : unread], _stop.Token);
            if (health)
            {
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nHealthy"u8.ToArray(), _stop.Token);
                continue;
            }
            Interlocked.Increment(ref _requests);
            switch (_shape)
            {
                case DestinationFailureShape.Reset:
                    Reset(socket);
                    return;
                case DestinationFailureShape.Close:
                    await CloseAsync(socket);
                    return;
                case DestinationFailureShape.Malformed:
                    await stream.WriteAsync("HTTP/1.1 abc\r\n\r\n"u8.ToArray(), _stop.Token);
                    await CloseAsync(socket);
                    return;
                case DestinationFailureShape.HeadersOnly:
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"u8.ToArray(), _stop.Token);
                    await CloseAsync(socket);
                    return;
                default:
                    throw new NotSupportedException($"{_shape} is HTTP/2 only.");
            }
        }
    }

    private async Task ServeHttp2Async(Socket socket, NetworkStream stream)
    {
        await stream.ReadExactlyAsync(new byte[24], _stop.Token); // the client's connection preface
        await WriteFrameAsync(stream, FrameType.Settings, 0, 0, []);
        var lastAnswered = 0;
        var pending = 0;
        while (true)
        {
            var header = new byte[9];
            await stream.ReadExactlyAsync(header, _stop.Token);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var type = (FrameType)header[3];
            var flags = header[4];
            var streamId = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & int.MaxValue;
            var payload = new byte[length];
            await stream.ReadExactlyAsync(payload, _stop.Token);
            var endStream = (flags & EndStream) != 0;
            switch (type)
            {
                case FrameType.Settings when (flags & Ack) == 0:
                    await WriteFrameAsync(stream, FrameType.Settings, Ack, 0, []);
                    break;
                case FrameType.Ping when (flags & Ack) == 0:
                    await WriteFrameAsync(stream, FrameType.Ping, Ack, 0, payload);
                    break;
                case FrameType.Headers when payload.AsSpan().IndexOf(HealthPath) >= 0:
                    // .NET's HPACK encoder writes header values as plain literals: the path is readable in the block.
                    await WriteFrameAsync(stream, FrameType.Headers, EndHeaders | EndStream, streamId, [Status200]);
                    lastAnswered = streamId;
                    break;
                case FrameType.Headers:
                    pending = streamId;
                    if (endStream && !await FailAsync(socket, stream, streamId, lastAnswered))
                    {
                        return;
                    }
                    break;
                case FrameType.Data when streamId == pending && endStream:
                    if (!await FailAsync(socket, stream, streamId, lastAnswered))
                    {
                        return;
                    }
                    break;
            }
        }
    }

    /// <summary>Fails a complete HTTP/2 request as the shape says; false when the connection is gone.</summary>
    private async Task<bool> FailAsync(Socket socket, NetworkStream stream, int streamId, int lastAnswered)
    {
        var first = Interlocked.Increment(ref _requests) == 1;
        switch (_shape)
        {
            case DestinationFailureShape.Reset:
                // A PING the client must acknowledge: its answer, left unread, makes the close a reset on a Unix socket too.
                await WriteFrameAsync(stream, FrameType.Ping, 0, 0, new byte[8]);
                for (var waited = 0; socket.Available == 0 && waited < 500; waited++)
                {
                    await Task.Delay(10, _stop.Token);
                }
                Reset(socket);
                return false;
            case DestinationFailureShape.Close:
                await CloseAsync(socket);
                return false;
            case DestinationFailureShape.Malformed:
                // An index beyond both HPACK tables: the client cannot decode the header block.
                await WriteFrameAsync(stream, FrameType.Headers, EndHeaders | EndStream, streamId, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
                return true;
            case DestinationFailureShape.HeadersOnly:
                await WriteFrameAsync(stream, FrameType.Headers, EndHeaders, streamId, [Status200]);
                await CloseAsync(socket);
                return false;
            case DestinationFailureShape.GoAwayUnprocessed when first:
                var goAway = new byte[8];
                // NO_ERROR; this stream was not processed. A health probe answered while its body came (a higher id) is done
                // already: the last id stays below this stream's, or the GOAWAY would keep it.
                BinaryPrimitives.WriteInt32BigEndian(goAway, Math.Max(0, Math.Min(lastAnswered, streamId - 2)));
                await WriteFrameAsync(stream, FrameType.GoAway, 0, 0, goAway);
                await CloseAsync(socket);
                return false;
            case DestinationFailureShape.GoAwayUnprocessed:
                await WriteFrameAsync(stream, FrameType.Headers, EndHeaders | EndStream, streamId, [Status200]);
                return true;
            case DestinationFailureShape.GoAwayKeptThenClosed:
                var kept = new byte[8];
                BinaryPrimitives.WriteInt32BigEndian(kept, streamId); // NO_ERROR; this stream may have been acted on
                await WriteFrameAsync(stream, FrameType.GoAway, 0, 0, kept);
                await CloseAsync(socket);
                return false;
            case DestinationFailureShape.StreamReset:
                var code = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(code, 2); // INTERNAL_ERROR
                await WriteFrameAsync(stream, FrameType.RstStream, 0, streamId, code);
                return true;
            default:
                throw new NotSupportedException(_shape.ToString());
        }
    }

    private const byte EndStream = 0x1;
    private const byte Ack = 0x1;
    private const byte EndHeaders = 0x4;
    private const byte Status200 = 0x88; // HPACK static table entry 8, ":status: 200"

    private enum FrameType : byte
    {
        Data = 0,
        Headers = 1,
        RstStream = 3,
        Settings = 4,
        Ping = 6,
        GoAway = 7,
    }

    private async Task WriteFrameAsync(NetworkStream stream, FrameType type, byte flags, int streamId, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = (byte)type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId);
        payload.CopyTo(frame, 9);
        await stream.WriteAsync(frame, _stop.Token);
    }

    /// <summary>An abortive close: RST on TCP (linger 0); on a Unix socket the unread data left by the caller does it.</summary>
    private static void Reset(Socket socket)
    {
        if (socket.AddressFamily != AddressFamily.Unix)
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        socket.Close();
    }

    /// <summary>A clean close: FIN first, then whatever the client still sends is read until it closes too (so no reset).</summary>
    private async Task CloseAsync(Socket socket)
    {
        socket.Shutdown(SocketShutdown.Send);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var buffer = new byte[4096];
        while (await socket.ReceiveAsync(buffer, timeout.Token) > 0)
        {
        }
    }
}
