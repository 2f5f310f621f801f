using AccessBot.Workflows.Digest;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AccessBot.Tests.Integration.Digest;

/// <summary>Rows one second either side of each boundary of the weeks whose Sunday has a clock change in Europe/Berlin.</summary>
public sealed class DigestDaylightSavingTests : IAsyncLifetime
{
    private IsolatedDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await IsolatedDatabase.CreateAsync("dst");
        await _db.ExecuteAsync(
            "insert into principals (id, email, display_name) values ('00000000-0000-0000-0000-000000000001', 'a@example.com', 'A')");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task October_week_counts_the_extra_hour_before_the_next_monday()
    {
        await SeedAsync(
            "2026-10-18 21:59:59+00",  // Sun 23:59:59 CEST: previous week
            "2026-10-18 22:00:00+00",  // Mon 00:00 CEST: first instant
            "2026-10-25 22:30:00+00",  // Sun 23:30 CET: in the 169th hour
            "2026-10-25 23:00:00+00"); // Mon 00:00 CET: next week

        var digest = await BuildAsync(new IsoWeek(2026, 43));

        Assert.Equal(2, digest.Requests.Submitted);
        Assert.Equal(2, digest.Escalations);
        Assert.Contains("(Europe/Berlin, 169 h)", Render(digest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task March_week_ends_an_hour_early_in_utc()
    {
        await SeedAsync(
            "2026-03-22 22:59:59+00",  // Sun 23:59:59 CET: previous week
            "2026-03-22 23:00:00+00",  // Mon 00:00 CET: first instant
            "2026-03-29 21:59:59+00",  // Sun 23:59:59 CEST: last second
            "2026-03-29 22:00:00+00"); // Mon 00:00 CEST: next week

        var digest = await BuildAsync(new IsoWeek(2026, 13));

        Assert.Equal(2, digest.Requests.Submitted);
        Assert.Equal(2, digest.Escalations);
        Assert.Contains("(Europe/Berlin, 167 h)", Render(digest), StringComparison.Ordinal);
    }

    private async Task SeedAsync(params string[] instants)
    {
        foreach (var at in instants)
        {
            await _db.ExecuteAsync(
                $"""
                insert into access_requests (requester_id, resource, requested_duration, reason, state, total_steps, policy_version,
                    origin_platform, created_at)
                values ('00000000-0000-0000-0000-000000000001', 'prod-db', interval '1 hour', 'r', 'pending', 1, 'v1', 'chat', '{at}')
                """);
            await AuditSeeder.AppendAtAsync(_db.DataSource, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture),
                "system:escalate", "request.escalated", null, "prod-db");
        }
    }

    private async Task<WeeklyDigest> BuildAsync(IsoWeek week)
    {
        var policy = new DigestDataset().Policy();
        var queries = new PostgresDigestQueries(
            _db.DataSource, new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
                Options.Create(new DigestOptions()), []);
        return await queries.BuildAsync(DigestPeriod.For(week, DigestDataset.Berlin), policy, CancellationToken.None);
    }

    private static string Render(WeeklyDigest digest) =>
        new DigestRenderer(Options.Create(new DigestOptions())).Render(digest, DigestMarkup.Plain());
}
