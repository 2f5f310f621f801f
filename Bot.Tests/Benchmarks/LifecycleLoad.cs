using System.Collections.Frozen;
using System.Diagnostics;
using AccessBot.Workflows;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;
using AccessBot.Workflows.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Benchmarks;

/// <summary>
/// The engine under load: each client runs full lifecycles (submit → approve → grant → expire) through the same service
/// and job code the host runs, against the real database. Grants last one microsecond, so the expiry transition runs at
/// once without simulating the clock.
/// </summary>
internal sealed class LifecycleLoad : IAsyncDisposable
{
    public const int TransitionsPerLifecycle = 4;

    private static readonly TimeSpan GrantDuration = TimeSpan.FromTicks(10);

    private readonly ServiceProvider _provider;
    private readonly List<(Actor Requester, Actor Approver)> _pairs;

    private LifecycleLoad(ServiceProvider provider, List<(Actor Requester, Actor Approver)> pairs)
    {
        _provider = provider;
        _pairs = pairs;
    }

    /// <summary>Builds the engine over <paramref name="dataSource"/>, one requester and approver per client, and warms it up.</summary>
    public static async Task<LifecycleLoad> StartAsync(NpgsqlDataSource dataSource, int clients, CancellationToken ct)
    {
        var approvers = Enumerable.Range(0, clients).Select(i => $"approver{i}@bench.example").ToArray();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(dataSource)
            .AddSingleton<IPolicyProvider>(new FixedPolicy(BenchPolicy(approvers)));
        services.AddWorkflows();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProvisioner, InstantProvisioner>());
        var load = new LifecycleLoad(services.BuildServiceProvider(), []);
        try
        {
            var directory = load._provider.GetRequiredService<IPrincipalDirectory>();
            for (var i = 0; i < clients; i++)
            {
                var requester = await directory.ResolveByEmailAsync($"requester{i}@bench.example", $"Requester {i}", ct);
                var approver = await directory.ResolveByEmailAsync(approvers[i], $"Approver {i}", ct);
                load._pairs.Add((Actor.Person(requester, "cli"), Actor.Person(approver, "cli")));
            }

            // Warm-up with the same load until the JIT has stopped compiling: tiered compilation keeps recompiling the hot
            // paths for many seconds on a busy 2-core machine (a profile at 9 s still showed 17% of the driver's CPU in the
            // JIT), and a host in production runs for days, so the figure is the steady state.
            await WarmUpAsync(() => load.RunForAsync(TimeSpan.FromSeconds(2), ct));
            return load;
        }
        catch
        {
            await load.DisposeAsync();
            throw;
        }
    }

    /// <summary>One timed round: every client runs lifecycles until <paramref name="duration"/> has passed.</summary>
    public async Task<(int Lifecycles, TimeSpan Elapsed)> RunAsync(TimeSpan duration, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var lifecycles = await RunForAsync(duration, ct);
        return (lifecycles, stopwatch.Elapsed);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    /// <summary>Runs <paramref name="round"/> until a round compiles (almost) no new methods, at least 5 s and at most 60 s.</summary>
    private static async Task WarmUpAsync(Func<Task<int>> round)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await round();
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            if ((compiled <= 5 && stopwatch.Elapsed >= TimeSpan.FromSeconds(5)) || stopwatch.Elapsed >= TimeSpan.FromSeconds(60))
            {
                Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"warm-up: {stopwatch.Elapsed.TotalSeconds:F0} s, {compiled} methods compiled in the last round"));
                return;
            }
        }
    }

    private async Task<int> RunForAsync(TimeSpan duration, CancellationToken ct)
    {
        var requests = _provider.GetRequiredService<IAccessRequestService>();
        var lifecycle = _provider.GetRequiredService<GrantLifecycle>();
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(_pairs.Select(pair => Task.Run(async () =>
        {
            var done = 0;
            while (stopwatch.Elapsed < duration)
            {
                await OneLifecycleAsync(pair, requests, lifecycle, ct);
                done++;
            }
            return done;
        }, ct)));
        return counts.Sum();
    }

    private static async Task OneLifecycleAsync(
        (Actor Requester, Actor Approver) pair, IAccessRequestService requests, GrantLifecycle lifecycle, CancellationToken ct)
    {
        var origin = new RequestOrigin("cli", null, null);
        var submitted = await requests.SubmitAsync(
            new SubmitRequest(pair.Requester, "bench-db", GrantDuration, "benchmark", origin), ct);
        var id = submitted is SubmitOutcome.Submitted s ? s.Request.Id : throw new InvalidOperationException($"submit: {submitted}");

        var decided = await requests.DecideAsync(new DecideRequest(id, pair.Approver, Approve: true, Comment: null), ct);
        if (decided is not DecisionOutcome.Recorded { Request.State: RequestState.Approved })
            throw new InvalidOperationException($"approve: {decided}");

        await lifecycle.ProvisionAsync(id, ct);

        // The grant lasts one microsecond, so it is due by the time the expiry runs: no clock is simulated. Should the
        // database clock not have moved past it yet, the expiry reports the time left and runs again, as its job would.
        ExpiryResult expiry;
        do expiry = await lifecycle.ExpireAsync(id, Actor.System("bench"), ct);
        while (expiry is ExpiryResult.NotDue);
        if (expiry is not ExpiryResult.Expired) throw new InvalidOperationException($"request {id} did not expire: {expiry}");
    }

    private static AccessPolicy BenchPolicy(string[] approvers)
    {
        var resource = new ResourcePolicy(
            "bench-db", "Benchmark target", TimeSpan.FromHours(1), TimeSpan.FromHours(8), ReasonRequired: true,
            [new ApprovalStep("bench-approvers", 1, null, null)], AutoApprove: null, BreakGlass: null, Sensitivity.High,
            new ProvisionerSpec(InstantProvisioner.KindName, new Dictionary<string, string>()), ApprovalChannel: null, PendingTimeout: null);
        var group = new GroupPolicy("bench-approvers", approvers.Select(e => new MemberRef(MemberKind.Email, e)).ToList());
        return new AccessPolicy(
            "bench", "bench.yaml",
            new Dictionary<string, ResourcePolicy> { ["bench-db"] = resource }.ToFrozenDictionary(),
            new Dictionary<string, GroupPolicy> { ["bench-approvers"] = group }.ToFrozenDictionary(),
            new Dictionary<string, ChannelPolicy>().ToFrozenDictionary(),
            new PolicyDefaults(TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), 1000),
            new DigestSchedule("0 9 * * MON", "UTC", ChannelPolicy.Security),
            new BusinessHours("UTC", new HashSet<DayOfWeek> { DayOfWeek.Monday }, new TimeOnly(0, 0), new TimeOnly(23, 59)),
            AdminGroup: null);
    }

    private sealed class FixedPolicy(AccessPolicy policy) : IPolicyProvider
    {
        public AccessPolicy Current { get; } = policy;
    }

    /// <summary>A target that answers at once, so the figure is the engine's own cost.</summary>
    private sealed class InstantProvisioner : IProvisioner
    {
        public const string KindName = "instant";

        public string Kind => KindName;

        public Task<ProvisionResult> GrantAsync(ProvisioningContext context, CancellationToken ct) =>
            Task.FromResult<ProvisionResult>(new ProvisionResult.Done("granted"));

        public Task<ProvisionResult> RevokeAsync(ProvisioningContext context, CancellationToken ct) =>
            Task.FromResult<ProvisionResult>(new ProvisionResult.Done("revoked"));

        public Task<IReadOnlyList<ProvisionedAccess>> CheckAsync(ResourcePolicy resource, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ProvisionedAccess>>([]);
    }
}
