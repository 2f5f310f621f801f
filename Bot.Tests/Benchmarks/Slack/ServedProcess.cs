using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AccessBot.Benchmarks.Slack;

/// <summary>A server the benchmark started on 127.0.0.1 (the host or the Bolt app); killed with its children on dispose.</summary>
internal sealed class ServedProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private ServedProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _ = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Port { get; }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>Starts <paramref name="start"/> with <c>{port}</c> in its environment replaced and waits until a POST to
    /// <paramref name="probePath"/> gets any HTTP answer (2 minutes at most).</summary>
    public static async Task<ServedProcess> StartAsync(ProcessStartInfo start, string probePath, CancellationToken ct)
    {
        var port = FreePort();
        foreach (var key in start.Environment.Keys.ToArray())
            start.Environment[key] = start.Environment[key]?.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var served = new ServedProcess(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start"), port);
        var stopwatch = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (served._process.HasExited) throw new InvalidOperationException($"{start.FileName} exited early:\n{await served._stderr}");
            if (stopwatch.Elapsed > TimeSpan.FromMinutes(2))
            {
                served.Dispose();
                throw new TimeoutException($"{start.FileName} did not answer on port {port} within 2 minutes");
            }
            try
            {
                using var probe = await http.PostAsync(served.Url(probePath), new StringContent(""), ct);
                return served;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct); // polling a process start-up, not synchronising a test
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
