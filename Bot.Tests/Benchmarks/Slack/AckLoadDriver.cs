using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace AccessBot.Benchmarks.Slack;

/// <summary>
/// The one load driver used for every target (host and Bolt alike): keep-alive HttpClient on 127.0.0.1, pre-signed
/// bodies. Open loop sends on a fixed time schedule and measures from the scheduled instant, so a slow server cannot
/// slow the arrivals down and hide its own queueing (no coordinated omission). Closed loop keeps N requests in flight.
/// </summary>
internal sealed class AckLoadDriver : IDisposable
{
    private static readonly MediaTypeHeaderValue Form = new("application/x-www-form-urlencoded");
    private readonly HttpClient _http;
    private readonly byte[] _busyMarker;

    /// <param name="busyMarker">Text of the host's "too busy" ack: such a 200 is counted apart, since the command was not taken.</param>
    public AckLoadDriver(string busyMarker)
    {
        _busyMarker = System.Text.Encoding.UTF8.GetBytes(busyMarker);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Sends <paramref name="commands"/> at <paramref name="perSecond"/>, one every 1/rate seconds by the clock.</summary>
    public async Task<LoadResult> OpenLoopAsync(Uri target, IReadOnlyList<SignedCommand> commands, int perSecond, CancellationToken ct)
    {
        var interval = Stopwatch.Frequency / (double)perSecond;
        var sends = new Task<Outcome>[commands.Count];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < commands.Count; i++)
        {
            var due = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            // Sleeping, not spinning: on two shared cores a spinning driver would steal the server's CPU. Oversleeping
            // only makes a request late, and lateness is charged to its latency.
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            sends[i] = SendAsync(target, commands[i], due, ct);
        }
        var outcomes = await Task.WhenAll(sends);
        return LoadResult.From(outcomes, Stopwatch.GetElapsedTime(start));
    }

    /// <summary><paramref name="connections"/> workers, each sending the next command as soon as the last one is answered.</summary>
    public async Task<LoadResult> ClosedLoopAsync(Uri target, SignedCommand command, int connections, TimeSpan duration, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            var mine = new List<Outcome>(4096);
            while (Stopwatch.GetElapsedTime(start) < duration)
                mine.Add(await SendAsync(target, command, Stopwatch.GetTimestamp(), ct));
            return mine;
        }).ToArray();
        var all = (await Task.WhenAll(workers)).SelectMany(o => o).ToArray();
        return LoadResult.From(all, Stopwatch.GetElapsedTime(start));
    }

    public void Dispose() => _http.Dispose();

    private async Task<Outcome> SendAsync(Uri target, SignedCommand command, long due, CancellationToken ct)
    {
        await Task.Yield(); // the scheduler loop must not run the send's synchronous part
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(command.Body) };
            request.Content.Headers.ContentType = Form;
            request.Headers.Add("X-Slack-Request-Timestamp", command.Timestamp);
            request.Headers.Add("X-Slack-Signature", command.Signature);
            using var response = await _http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            return new Outcome(Stopwatch.GetElapsedTime(due).TotalMilliseconds, response.StatusCode == HttpStatusCode.OK,
                body.AsSpan().IndexOf(_busyMarker) >= 0);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Outcome(Stopwatch.GetElapsedTime(due).TotalMilliseconds, false, false);
        }
    }
}

/// <summary>One answered (or failed) request: milliseconds from its scheduled send to the end of the response.</summary>
internal readonly record struct Outcome(double Milliseconds, bool Ok, bool Busy);
