using System.Net.WebSockets;
using System.Text.Json;

namespace AccessBot.Tests.Adapters.Teams.Playground;

/// <summary>
/// One of the playground's WebSocket streams, read in the background into a list; a waiter is woken by each new frame.
/// Frames can arrive in any order (a card edit may come before the message that caused it), so lookups search them all.
/// </summary>
internal sealed class JsonStream : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly List<JsonElement> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    public static async Task<JsonStream> ConnectAsync(Uri uri, CancellationToken ct)
    {
        var stream = new JsonStream();
        await stream._socket.ConnectAsync(uri, ct);
        stream._reader = stream.ReadAsync(stream._stop.Token);
        return stream;
    }

    /// <summary>Every frame read so far, for failure messages.</summary>
    public string Seen
    {
        get { lock (_seen) return string.Join("\n", _seen.Select(f => f.GetRawText())); }
    }

    /// <summary>The first frame, already read or still to come, that matches; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> FirstAsync(string what, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        var scanned = 0;
        try
        {
            while (true)
            {
                lock (_seen)
                {
                    for (; scanned < _seen.Count; scanned++)
                        if (match(_seen[scanned])) return _seen[scanned];
                }
                await _arrived.WaitAsync(limit.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {what} within {timeout}. Frames seen:\n{Seen}");
        }
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var frame = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                message.SetLength(0);
                lock (_seen) _seen.Add(frame);
                _arrived.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopped by the test, or the playground went away: readers then time out with what was seen.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _socket.Dispose();
        _stop.Dispose();
        _arrived.Dispose();
    }
}
