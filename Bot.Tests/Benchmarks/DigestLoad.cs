using System.Diagnostics;
using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Benchmarks;

/// <summary>
/// The weekly digest over a busy week: 20,000 requests (with their approvals and grants) and 100,000 audit events, built
/// (SQL aggregates) and rendered for every markup through the production composer.
/// </summary>
internal static class DigestLoad
{
    public static readonly IsoWeek Week = new(2026, 2); // the audit seeder writes its events on Monday 2026-01-05

    private const int Requests = 20_000;

    public static async Task<(TimeSpan Elapsed, int Characters)> RunAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var policy = PolicyLoader.Load(Path.Combine(IdleMemory.RepositoryRoot(), "accessbot.yaml"));
        await AuditLogSeeder.SeedAsync(dataSource, 100_000, ct);
        await SeedRequestsAsync(dataSource, policy, Requests, ct);
        await using (var analyze = dataSource.CreateCommand("analyze")) await analyze.ExecuteNonQueryAsync(ct);

        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton(dataSource)
            .AddSingleton<IPolicyProvider>(new Fixed(policy))
            .AddSingleton(DigestMarkup.Plain())
            .AddSingleton(DigestMarkup.AngleBracketLinks("slack"))
            .AddSingleton(DigestMarkup.Markdown("teams"));
        services.AddDigest();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var composer = scope.ServiceProvider.GetRequiredService<DigestComposer>();
        var markups = scope.ServiceProvider.GetServices<DigestMarkup>().ToList();

        var stopwatch = Stopwatch.StartNew();
        var digest = await composer.BuildAsync(Week, policy, ct);
        var characters = markups.Sum(m => composer.Render(digest, m).Length);
        stopwatch.Stop();
        if (digest.Requests.Submitted != Requests)
            throw new InvalidOperationException($"the digest counted {digest.Requests.Submitted} requests, not the {Requests} seeded");
        return (stopwatch.Elapsed, characters);
    }

    private static async Task SeedRequestsAsync(NpgsqlDataSource dataSource, AccessPolicy policy, int count, CancellationToken ct)
    {
        await using (var people = dataSource.CreateCommand(
            "insert into principals (id, email, display_name) " +
            "select gen_random_uuid(), 'user' || i || '@bench.example', 'User ' || i from generate_series(1, 500) i"))
        {
            await people.ExecuteNonQueryAsync(ct);
        }
        await using var command = dataSource.CreateCommand(
            """
            with people as (select array_agg(id order by email) ids from principals),
                 made as (
                   insert into access_requests (requester_id, resource, requested_duration, reason, state, current_step, total_steps,
                                                policy_version, origin_platform, created_at, decided_at, granted_at, expires_at,
                                                closed_at, closed_reason)
                   select people.ids[1 + i % 500], ($1::text[])[1 + i % cardinality($1::text[])], interval '4 hours', 'benchmark ' || i,
                          (array['expired','expired','expired','denied','cancelled','timed_out','active','revoked'])[1 + i % 8],
                          0, 1, 'bench', 'cli', t, t + interval '7 minutes' * (1 + i % 9), t + interval '8 minutes', t + interval '4 hours',
                          t + interval '4 hours', 'benchmark'
                   from people, generate_series(1, $2) i, lateral (select timestamptz '2026-01-05 00:00+00' + interval '30 seconds' * i) at(t)
                   returning id, requester_id, resource, state, decided_at, granted_at, expires_at)
            , approved as (
                   insert into approvals (request_id, step, approver_id, decision, platform, at)
                   select m.id, 1, people.ids[1 + (array_position(people.ids, m.requester_id) % 500)],
                          case when m.state = 'denied' then 'deny' else 'approve' end, 'cli', m.decided_at
                   from made m, people where m.state in ('expired','denied','active','revoked')
                   returning request_id)
            insert into grants (request_id, principal_id, resource, provisioner, granted_at, expires_at, revoked_at, revoke_reason)
            select id, requester_id, resource, 'manual', granted_at, expires_at,
                   case when state = 'active' then null else expires_at end, case when state = 'active' then null else 'expired' end
            from made where state in ('expired','active','revoked')
            """);
        command.Parameters.AddWithValue(policy.Resources.Keys.ToArray());
        command.Parameters.AddWithValue(count);
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class Fixed(AccessPolicy policy) : IPolicyProvider
    {
        public AccessPolicy Current { get; } = policy;
    }
}
