using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace AccessBot.Tests.Adapters.Teams.Playground;

/// <summary>
/// Starts the two real processes on 127.0.0.1: <c>Bot.Host.dll serve</c> in Teams anonymous mode (Development) on a port
/// it picks itself, and the playground through <c>teams-app/playground.sh</c>, which installs it first when needed.
/// </summary>
internal static partial class PlaygroundStack
{
    public static async Task<Running> StartHostAsync(string workDirectory, string connectionString) => await Started(async () =>
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workDirectory, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        start.ArgumentList.Add("serve");
        // Nothing of the developer's own configuration leaks in: no Slack, no Teams app id, no other database.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Slack__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("Teams__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("AccessBot__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToArray())
            start.Environment.Remove(key);
        start.Environment["ConnectionStrings__AccessBot"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["AccessBot__PolicyFile"] = Path.Combine(workDirectory, "accessbot.yaml");
        start.Environment["Teams__AllowAnonymous"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        return await LocalProcess.StartAsync(start, HostListening(), TimeSpan.FromMinutes(1));
    });

    public static async Task<Running> StartPlaygroundAsync(int hostPort, string workDirectory)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "Bot.Adapters", "Teams", "teams-app", "playground.sh"));
        start.ArgumentList.Add($"http://127.0.0.1:{hostPort}/api/messages");
        start.Environment["PLAYGROUND_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var logFile = Path.Combine(workDirectory, "playground.log");
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = logFile;
        // The first run installs the pinned package (run-tests.sh normally did that already).
        var (process, ready) = await LocalProcess.StartAsync(start, PlaygroundListening(), TimeSpan.FromMinutes(3));
        var actual = int.Parse(ready.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            if (actual != port) throw new InvalidOperationException($"it moved from port {port} to {actual}, so its service URL is wrong");
            // It prints the port before it reads its config: a bad config ends it right after, with no API mounted.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var pong = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/_debug/ping"));
            if (pong != "pong") throw new InvalidOperationException($"/_debug/ping answered '{pong}'");
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            var printed = process.Output;
            process.Dispose();
            // Its own messages go to its log file when stdout is not a terminal.
            var log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile) : "";
            throw new InvalidOperationException($"The playground did not start: {e.Message}\n{printed}\n{log}", e);
        }
        return new Running(process, port);
    }

    private static async Task<Running> Started(Func<Task<(LocalProcess Process, Match Ready)>> start)
    {
        var (process, ready) = await start();
        return new Running(process, int.Parse(ready.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public sealed record Running(LocalProcess Process, int Port) : IDisposable
    {
        public void Dispose() => Process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AccessBot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AccessBot.sln not found above the test binaries");
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex HostListening();

    [GeneratedRegex(@"^Listening on (\d+)$")]
    private static partial Regex PlaygroundListening();
}
