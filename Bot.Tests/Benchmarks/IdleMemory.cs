using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AccessBot.Benchmarks;

/// <summary>Starts the real host (<c>serve</c>) against the benchmark database, lets it idle, and reads its resident memory.</summary>
internal static class IdleMemory
{
    public static async Task<(long RssBytes, TimeSpan StartUp)> MeasureAsync(string connectionString, TimeSpan idle, CancellationToken ct)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{hostDll}\" serve")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        start.Environment["ConnectionStrings__AccessBot"] = connectionString;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["AccessBot__PolicyFile"] = Path.Combine(RepositoryRoot(), "accessbot.yaml");

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the host did not start");
        _ = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"the host exited early:\n{await stderr}");
                if (stopwatch.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the host did not answer /healthz in 2 minutes");
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"), ct);
                    break;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                }
            }
            var startUp = stopwatch.Elapsed;
            await Task.Delay(idle, ct); // a benchmark, not a test: letting it idle is the point
            return (ReadRss(process.Id), startUp);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AccessBot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AccessBot.sln not found above the benchmark binaries");
    }

    private static long ReadRss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException("VmRSS not found");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
