using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace AccessBot.Benchmarks.Slack;

/// <summary>
/// Issue 3's benchmark: signed <c>/access</c> slash commands against the real host (real PostgreSQL, fake Slack Web API)
/// at fixed open-loop rates, then closed-loop <c>/access help</c> throughput of the host next to a minimal Bolt-js app,
/// both driven by the same <see cref="AckLoadDriver"/> in the same run.
/// </summary>
internal static class SlackAckBenchmark
{
    private const string Secret = "bench-signing-secret-0123456789abcdef";
    private const int Connections = 32;
    private static readonly int[] Rates = [50, 100, 200, 400];
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <param name="phaseSeconds">Length of each open-loop rate and of each closed-loop run (10 by default; longer shows whether a rate is sustainable).</param>
    public static async Task RunAsync(TextWriter output, int phaseSeconds, CancellationToken ct)
    {
        var phase = TimeSpan.FromSeconds(Math.Clamp(phaseSeconds, 1, 120));
        var time = TimeProvider.System;
        await using var fake = await FakeSlackWebApi.StartAsync(ct);
        await using var db = await BenchDatabase.CreateAsync("slack", 40, ct);
        using var host = await Targets.StartHostAsync(db.ConnectionString, Secret, fake, ct);
        using var bolt = await Targets.StartBoltAsync(Secret, ct);
        using var driver = new AckLoadDriver("very busy");
        var hostUrl = host.Url("/slack/commands");
        var boltUrl = bolt.Url("/slack/commands");
        // Signed afresh for every phase: a long run must stay inside the five-minute replay window.
        SignedCommand Help() => SignedCommand.Create(Secret, "UBENCHHELP", "help", fake.ResponseUrl, time);

        // Both servers JIT/optimise their hot path before anything is measured.
        await driver.ClosedLoopAsync(hostUrl, Help(), Connections, WarmUp, ct);
        await driver.ClosedLoopAsync(boltUrl, Help(), Connections, WarmUp, ct);
        var warm = Enumerable.Range(0, 150).Select(i => Request(i, "UW", time, fake)).ToArray();
        var beforeWarm = await CountAsync(db.DataSource, ct);
        await driver.OpenLoopAsync(hostUrl, warm, 50, ct);
        await DrainAsync(db.DataSource, beforeWarm + warm.Length, ct);

        output.WriteLine($"slack acks: open loop, {phase.TotalSeconds:F0} s per rate, latency from the scheduled send to the end of the response");
        var requestAt200 = default(LoadResult);
        foreach (var rate in Rates)
        {
            var before = await CountAsync(db.DataSource, ct);
            var commands = Enumerable.Range(0, rate * (int)phase.TotalSeconds).Select(i => Request(i, $"U{rate}R", time, fake)).ToArray();
            var result = await driver.OpenLoopAsync(hostUrl, commands, rate, ct);
            var drain = Stopwatch.StartNew();
            var written = await DrainAsync(db.DataSource, before + commands.Length, ct) - before;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  /access request @ {rate,3}/s: {result}; requests written {written}/{commands.Length}, background done {drain.Elapsed.TotalSeconds:F1} s after the last ack"));
            if (rate == 200) requestAt200 = result;
        }
        foreach (var rate in Rates)
        {
            var commands = Enumerable.Repeat(Help(), rate * (int)phase.TotalSeconds).ToArray();
            output.WriteLine($"  /access help    @ {rate,3}/s: {await driver.OpenLoopAsync(hostUrl, commands, rate, ct)}");
        }

        output.WriteLine($"slack acks: closed loop /access help, {Connections} connections, {phase.TotalSeconds:F0} s each");
        var hostMax = await driver.ClosedLoopAsync(hostUrl, Help(), Connections, phase, ct);
        output.WriteLine($"  AccessBot host: {hostMax}");
        var boltMax = await driver.ClosedLoopAsync(boltUrl, Help(), Connections, phase, ct);
        output.WriteLine($"  Bolt-js {BoltVersion()}: {boltMax}");

        var ratio = hostMax.PerSecond / boltMax.PerSecond;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"slack /access request p99 at 200/s: {requestAt200?.P99:F2} ms (target ≤ 50 ms: {(requestAt200 is { Ok: > 0, P99: <= 50, Busy: 0 } && requestAt200.Ok == requestAt200.Sent ? "met" : "MISSED")})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"slack /access help throughput host ÷ Bolt = {hostMax.PerSecond:F0} ÷ {boltMax.PerSecond:F0} = {ratio:F2} (target ≥ 2.00: {(ratio >= 2 ? "met" : "MISSED")})"));
    }

    private static SignedCommand Request(int i, string prefix, TimeProvider time, FakeSlackWebApi fake) =>
        // A new person per command: the policy caps pending requests per requester, and a refusal would skip the write.
        SignedCommand.Create(Secret, $"{prefix}{i.ToString("D5", CultureInfo.InvariantCulture)}", "request billing-console 2h benchmark load",
            fake.ResponseUrl, time);

    private static async Task<long> CountAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var count = db.CreateCommand("select count(*) from access_requests");
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Waits until the background worker has written <paramref name="expected"/> rows, or made no progress for 5 s (90 s at most).</summary>
    private static async Task<long> DrainAsync(NpgsqlDataSource db, long expected, CancellationToken ct)
    {
        var limit = Stopwatch.StartNew();
        var last = -1L;
        var still = Stopwatch.StartNew();
        while (limit.Elapsed < TimeSpan.FromSeconds(90))
        {
            var now = await CountAsync(db, ct);
            if (now >= expected) return now;
            if (now != last) (last, still) = (now, Stopwatch.StartNew());
            else if (still.Elapsed > TimeSpan.FromSeconds(5)) return now;
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct); // polling another process's progress
        }
        return last;
    }

    private static string BoltVersion()
    {
        var package = Path.Combine(IdleMemory.RepositoryRoot(), "Bot.Tests", "Benchmarks", "bolt", "node_modules", "@slack", "bolt", "package.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(package));
        return "@slack/bolt " + json.RootElement.GetProperty("version").GetString();
    }
}
