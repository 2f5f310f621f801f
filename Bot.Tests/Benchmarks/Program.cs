using System.Globalization;
using AccessBot.Benchmarks;
using AccessBot.Benchmarks.Micro;
using BenchmarkDotNet.Running;

// Modes: all (default) | engine [SECONDS] | lifecycle | pgbench | audit-verify | idle-memory | slack [SECONDS] | micro [BenchmarkDotNet args]
var mode = args.Length > 0 ? args[0] : "all";
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var ct = cts.Token;
var report = new BenchReport(Console.Out);

switch (mode)
{
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(AuditHashBenchmarks).Assembly).Run(args[1..]);
        return 0;
    case "pgbench":
        await using (var pgbench = await PgBench.InitAsync(ct))
            report.PgBench(await pgbench.RunAsync(clients: 8, TimeSpan.FromSeconds(20), ct));
        break;
    case "engine":
        // The engine target alone, still side by side with its reference.
        await RunSideBySideAsync(report, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40, ct);
        break;
    case "lifecycle":
        await RunLifecyclesAsync(report, ct, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
        break;
    case "roundtrip":
        await using (var db = await BenchDatabase.CreateAsync("rt", 4, ct))
        {
            var each = await RoundTrip.MeasureAsync(db.DataSource, 5000, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one pooled open + select 1 + close: {each.TotalMilliseconds:F3} ms"));
        }
        break;
    case "audit-verify":
        await RunAuditVerifyAsync(report, ct);
        break;
    case "digest":
        await RunDigestAsync(report, ct);
        break;
    case "slack":
        await AccessBot.Benchmarks.Slack.SlackAckBenchmark.RunAsync(Console.Out, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10, ct);
        break;
    case "all":
        await RunSideBySideAsync(report, 40, ct);
        await RunAuditVerifyAsync(report, ct);
        await RunDigestAsync(report, ct);
        await using (var db = await BenchDatabase.CreateAsync("idle", 20, ct))
        {
            var (rss, startUp) = await IdleMemory.MeasureAsync(db.ConnectionString, TimeSpan.FromSeconds(30), ct);
            report.IdleMemory(rss, startUp);
        }
        await AccessBot.Benchmarks.Slack.SlackAckBenchmark.RunAsync(Console.Out, 10, ct);
        break;
    case "idle-memory":
        await using (var db = await BenchDatabase.CreateAsync("idle", 20, ct))
        {
            var (rss, startUp) = await IdleMemory.MeasureAsync(db.ConnectionString, TimeSpan.FromSeconds(30), ct);
            report.IdleMemory(rss, startUp);
        }
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'");
        return 2;
}
report.PrintSummary();
return 0;

static async Task RunLifecyclesAsync(BenchReport report, CancellationToken ct, int clients = 8, int seconds = 20)
{
    await using var db = await BenchDatabase.CreateAsync("engine", 40, ct);
    await using var load = await LifecycleLoad.StartAsync(db.DataSource, clients, ct);
    var (lifecycles, elapsed) = await load.RunAsync(TimeSpan.FromSeconds(seconds), ct);
    report.Lifecycles(clients, lifecycles, elapsed, LifecycleLoad.TransitionsPerLifecycle);
}

// Side by side in one run, in alternating rounds (pgbench, engine, engine, pgbench, …), 8 clients each: whatever else the
// machine does (a checkpoint, another process, the page cache) then falls on both, and the ratio compares like with like.
static async Task RunSideBySideAsync(BenchReport report, int seconds, CancellationToken ct)
{
    const int clients = 8, rounds = 4;
    var slice = TimeSpan.FromSeconds(Math.Max(1, seconds / rounds));
    await using var pgbench = await PgBench.InitAsync(ct);
    await using var db = await BenchDatabase.CreateAsync("engine", 40, ct);
    await using var load = await LifecycleLoad.StartAsync(db.DataSource, clients, ct);
    var tps = new List<double>();
    var (lifecycles, elapsed) = (0, TimeSpan.Zero);
    for (var round = 1; round <= rounds; round++)
    {
        double roundTps = 0;
        var (roundLifecycles, roundElapsed) = (0, TimeSpan.Zero);
        async Task PgBenchRound() => roundTps = await pgbench.RunAsync(clients, slice, ct);
        async Task EngineRound() => (roundLifecycles, roundElapsed) = await load.RunAsync(slice, ct);
        if (round % 2 == 1) { await PgBenchRound(); await EngineRound(); }
        else { await EngineRound(); await PgBenchRound(); }
        tps.Add(roundTps);
        lifecycles += roundLifecycles;
        elapsed += roundElapsed;
        report.Round(round, roundTps, roundLifecycles, roundElapsed, LifecycleLoad.TransitionsPerLifecycle);
    }
    report.PgBench(tps.Average());
    report.Lifecycles(clients, lifecycles, elapsed, LifecycleLoad.TransitionsPerLifecycle);
}

static async Task RunDigestAsync(BenchReport report, CancellationToken ct)
{
    await using var db = await BenchDatabase.CreateAsync("digest", 10, ct);
    var (elapsed, characters) = await DigestLoad.RunAsync(db.DataSource, ct);
    report.Digest(elapsed, characters);
}

static async Task RunAuditVerifyAsync(BenchReport report, CancellationToken ct)
{
    const int events = 1_000_000;
    await using var db = await BenchDatabase.CreateAsync("audit", 10, ct);
    await AuditLogSeeder.SeedAsync(db.DataSource, events, ct);
    await using (var analyze = db.DataSource.CreateCommand("vacuum analyze audit_events")) await analyze.ExecuteNonQueryAsync(ct);
    var stopwatch = System.Diagnostics.Stopwatch.StartNew();
    var result = await new AccessBot.Workflows.Audit.AuditVerifier().VerifyAsync(db.DataSource, [], null, ct);
    stopwatch.Stop();
    if (!result.IsIntact || result.EventsChecked != events)
        throw new InvalidOperationException($"the seeded log did not verify: {result.FirstDamage}");
    report.AuditVerify(result.EventsChecked, stopwatch.Elapsed);
}

/// <summary>Collects the figures of one run and prints them with the ratios the targets are stated in.</summary>
internal sealed class BenchReport(TextWriter output)
{
    private double? _pgbenchTps;
    private double? _transitionsPerSecond;

    public void PgBench(double tps)
    {
        _pgbenchTps = tps;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pgbench -N, 8 clients: {tps:F0} TPS (mean of its rounds)"));
    }

    public void Round(int round, double tps, int lifecycles, TimeSpan elapsed, int transitionsEach)
    {
        var transitions = lifecycles * transitionsEach / elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: pgbench {tps:F0} TPS, engine {transitions:F0} transitions/s, ratio {transitions / tps:F2}"));
    }

    public void Lifecycles(int clients, int lifecycles, TimeSpan elapsed, int transitionsEach)
    {
        var perSecond = lifecycles / elapsed.TotalSeconds;
        _transitionsPerSecond = perSecond * transitionsEach;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine, {clients} clients: {lifecycles} lifecycles in {elapsed.TotalSeconds:F1} s = {perSecond:F1} lifecycles/s = {_transitionsPerSecond:F0} transitions/s"));
    }

    public void AuditVerify(long events, TimeSpan elapsed) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit verify: {events} events in {elapsed.TotalSeconds:F2} s = {events / elapsed.TotalSeconds:F0} events/s (target ≥ 300000)"));

    public void Digest(TimeSpan elapsed, int characters) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"weekly digest (20000 requests, 100000 audit events): built and rendered in 3 markups in {elapsed.TotalSeconds:F2} s, {characters} characters (target < 2 s)"));

    public void IdleMemory(long rssBytes, TimeSpan startUp) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"host idle RSS after 30 s: {rssBytes / 1024.0 / 1024.0:F1} MB (target < 150 MB); start-up to /healthz {startUp.TotalSeconds:F1} s"));

    public void PrintSummary()
    {
        if (_pgbenchTps is { } tps && _transitionsPerSecond is { } engine)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio engine transitions/s ÷ pgbench TPS = {engine / tps:F2} (target ≥ 0.50)"));
    }
}
