using AccessBot.Workflows.Digest;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AccessBot.Tests.Integration.Digest;

public sealed class WeeklyDigestTests(SeededDigestDatabase seeded) : IClassFixture<SeededDigestDatabase>, IAsyncLifetime
{
    private static readonly IsoWeek Week = new(2026, 47);
    private static readonly DateTimeOffset AsOf = DigestDataset.B(23, 9, 0);

    private readonly DigestDataset _data = seeded.Data;
    private readonly Mock<IAuditChainCheck> _chain = new(MockBehavior.Strict);
    private WeeklyDigest _digest = null!;
    private DigestExpectations _expected = null!;

    public async Task InitializeAsync()
    {
        var policy = _data.Policy();
        var period = DigestPeriod.For(Week, DigestDataset.Berlin);
        _expected = new DigestExpectations(_data, period.Start, period.End, AsOf, policy);
        _chain.Setup(c => c.VerifyUpToAsync(_expected.LastSeq, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AuditChainCheckResult(true, null, "ok"));
        var queries = new PostgresDigestQueries(seeded.Database.DataSource, new FakeTimeProvider(AsOf),
            Options.Create(new DigestOptions()), [_chain.Object]);
        _digest = await queries.BuildAsync(period, policy, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Request_figures_match_the_seeded_rows()
    {
        Assert.Equal(_expected.ByOutcome, _digest.Requests.ByOutcome.Select(o => (o.Outcome, o.Count)));
        Assert.Equal(_expected.ByOutcome.Sum(o => o.Item2), _digest.Requests.Submitted);
        Assert.Equal(_expected.PerResource, _digest.Resources.Select(r => (r.Resource, r.Submitted, r.Granted, r.Denied)));
        Assert.Equal(_expected.TopRequesters, _digest.TopRequesters.Select(p => (p.Email, p.Count)));
    }

    [Fact]
    public void Decision_figures_match_the_seeded_rows()
    {
        var latencies = _expected.FirstDecisionLatencies;

        Assert.Equal(_expected.Approvers, _digest.Approvers.Select(a => (a.Email, a.Approved, a.Denied)));
        Assert.Equal(latencies.Count, _digest.FirstDecision.Decided);
        Assert.Equal(DigestExpectations.Percentile(latencies, 0.5), _digest.FirstDecision.Median);
        Assert.Equal(DigestExpectations.Percentile(latencies, 0.9), _digest.FirstDecision.P90);
        Assert.Equal(_expected.Escalations, _digest.Escalations);
        Assert.Equal(_expected.TimedOut, _digest.TimedOut.Items.Select(i => i.RequestId));
        Assert.Equal(_expected.Denials, _digest.Denials.Items.Select(i => i.RequestId));
        Assert.Equal(_expected.SelfApprovals, _digest.SelfApprovalAttempts.Items.Select(i => i.RequestId));
        Assert.Equal(_expected.NotAnApprover, _digest.NotAnApproverAttempts);
    }

    [Fact]
    public void Grant_figures_match_the_seeded_rows()
    {
        Assert.Equal(_expected.OffHours, _digest.OffHoursGrants.Items.Select(i => i.RequestId));
        Assert.Equal(_expected.SensitiveFastPath, _digest.SensitiveFastPathGrants.Items.Select(i => i.RequestId));
        Assert.Equal(_expected.Longest, _digest.LongestGrants.Items.Select(i => i.RequestId));
        Assert.Equal(_expected.Active, _digest.ActiveGrants.Items.Select(i => i.RequestId));
        Assert.Equal(_expected.Overdue, _digest.OverdueGrants);
        Assert.Equal(_expected.Reconcile, _digest.ReconcileRevocations.Items.Select(i => i.RequestId));
    }

    [Fact]
    public void Dormant_approvers_and_the_chain_check_match_the_seeded_rows()
    {
        Assert.Equal(_expected.DormantNames.Order(StringComparer.Ordinal),
            _digest.DormantApprovers.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(new AuditChainSummary(AuditChainStatus.Intact, _expected.LastSeq, "ok"), _digest.AuditChain);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("angle")]
    [InlineData("markdown")]
    public void Rendered_digest_matches_its_golden_file(string style)
    {
        var markup = style switch
        {
            "plain" => DigestMarkup.Plain(),
            "angle" => DigestMarkup.AngleBracketLinks("chat-a"),
            _ => DigestMarkup.Markdown("chat-b"),
        };

        var text = new DigestRenderer(Options.Create(new DigestOptions())).Render(_digest, markup);

        Golden.AssertMatches($"Digest/weekly-2026-W47.{style}.txt", text);
    }

    [Fact]
    public async Task A_week_without_activity_renders_its_golden_file()
    {
        _chain.Setup(c => c.VerifyUpToAsync(It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AuditChainCheckResult(true, null, "ok"));
        var queries = new PostgresDigestQueries(seeded.Database.DataSource, new FakeTimeProvider(AsOf),
            Options.Create(new DigestOptions()), []);

        var quiet = await queries.BuildAsync(DigestPeriod.For(new IsoWeek(2026, 44), DigestDataset.Berlin), _data.Policy(),
            CancellationToken.None);
        var text = new DigestRenderer(Options.Create(new DigestOptions())).Render(quiet, DigestMarkup.Plain());

        Assert.Equal(0, quiet.Requests.Submitted);
        Golden.AssertMatches("Digest/weekly-2026-W44-quiet.plain.txt", text);
    }
}
