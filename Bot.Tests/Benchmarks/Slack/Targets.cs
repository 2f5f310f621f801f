using System.Diagnostics;

namespace AccessBot.Benchmarks.Slack;

/// <summary>How the two servers under test are started: the real AccessBot host and the minimal Bolt-js app.</summary>
internal static class Targets
{
    public static Task<ServedProcess> StartHostAsync(string connectionString, string secret, FakeSlackWebApi fake, CancellationToken ct)
    {
        var root = IdleMemory.RepositoryRoot();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll")}\" serve") { WorkingDirectory = root };
        start.Environment["ConnectionStrings__AccessBot"] = connectionString;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["AccessBot__PolicyFile"] = Path.Combine(root, "accessbot.yaml");
        start.Environment["Slack__SigningSecret"] = secret;
        start.Environment["Slack__BotToken"] = FakeSlackWebApi.Token;
        start.Environment["Slack__TeamId"] = SignedCommand.TeamId;
        start.Environment["Slack__ApiBaseUrl"] = fake.ApiBaseUrl.ToString();
        start.Environment["Slack__ApprovalChannel"] = "C0APPROVALS";
        start.Environment["Slack__SecurityChannel"] = "C0SECURITY";
        // Both servers log warnings and errors only, so neither pays for per-request log lines.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return ServedProcess.StartAsync(start, "/slack/commands", ct);
    }

    public static async Task<ServedProcess> StartBoltAsync(string secret, CancellationToken ct)
    {
        var dir = Path.Combine(IdleMemory.RepositoryRoot(), "Bot.Tests", "Benchmarks", "bolt");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "@slack", "bolt"))) await NpmInstallAsync(dir, ct);
        var start = new ProcessStartInfo("node", "app.js") { WorkingDirectory = dir };
        start.Environment["PORT"] = "{port}";
        start.Environment["SLACK_SIGNING_SECRET"] = secret;
        start.Environment["NODE_ENV"] = "production";
        return await ServedProcess.StartAsync(start, "/slack/commands", ct);
    }

    /// <summary>The pinned version from package.json/package-lock.json, installed once.</summary>
    private static async Task NpmInstallAsync(string dir, CancellationToken ct)
    {
        var args = File.Exists(Path.Combine(dir, "package-lock.json")) ? "ci" : "install";
        Console.Error.WriteLine($"bolt: npm {args} in {dir}");
        using var npm = Process.Start(new ProcessStartInfo("npm", $"{args} --no-audit --no-fund") { WorkingDirectory = dir })
            ?? throw new InvalidOperationException("npm did not start");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        await npm.WaitForExitAsync(limit.Token);
        if (npm.ExitCode != 0) throw new InvalidOperationException($"npm {args} failed with exit code {npm.ExitCode}");
    }
}
