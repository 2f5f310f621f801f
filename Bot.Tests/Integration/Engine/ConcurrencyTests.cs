using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Outbox;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>Approvers clicking at once: exactly one decision wins, the others learn the request is closed.</summary>
[Collection(nameof(PostgresCollection))]
public sealed class ConcurrencyTests(PostgresFixture db) : IAsyncLifetime
{
    private const int Rounds = 20;
    private static readonly string[] Crowd = [.. Enumerable.Range(1, 32).Select(i => $"approver{i:00}@example.com")];
    private EngineHarness _h = null!;

    public Task InitializeAsync()
    {
        var policy = new PolicyBuilder()
            .Group("crowd", Crowd)
            .Defaults(maxPending: 1000)
            .Resource("crowd-res", r => r.Step("crowd"))
            .Resource("crowd-quorum", r => r.Step("crowd", approvals: 2))
            .Build();
        _h = new EngineHarness(db.DataSource, policy);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(32)]
    public async Task Concurrent_approvals_by_distinct_approvers_make_exactly_one_transition(int approvers)
    {
        var actors = await Task.WhenAll(Crowd.Take(approvers).Select(e => _h.PersonAsync(e)));
        var requester = EngineHarness.NewEmail("alice");

        for (var round = 0; round < Rounds; round++)
        {
            var request = await _h.SubmitAsync(requester, "crowd-res");
            var outcomes = await RaceAsync(actors.Select(a => new DecideRequest(request.Id, a, true, null)));

            Assert.Single(outcomes, o => o is DecisionOutcome.Recorded);
            Assert.All(outcomes.Where(o => o is not DecisionOutcome.Recorded), o =>
                Assert.Equal(RequestState.Approved, Assert.IsType<DecisionOutcome.AlreadyClosed>(o).Request.State));
            var after = await _h.GetAsync(request.Id);
            Assert.Equal(RequestState.Approved, after.State);
            Assert.Single(after.Approvals);
            Assert.Equal(["request.submitted", "request.approved"], await _h.AuditActionsAsync(request.Id));
            Assert.Single(await _h.OutboxAsync(request.Id), o => o.Kind == OutboxKinds.Provision);
            Assert.Equal(2L, after.Version);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Double_click_by_the_same_approver_records_one_decision(int clicks)
    {
        var approver = await _h.PersonAsync(Crowd[0]);
        var requester = EngineHarness.NewEmail("alice");

        for (var round = 0; round < Rounds; round++)
        {
            var request = await _h.SubmitAsync(requester, "crowd-quorum");
            var outcomes = await RaceAsync(Enumerable.Repeat(new DecideRequest(request.Id, approver, true, null), clicks));

            Assert.Single(outcomes, o => o is DecisionOutcome.Recorded);
            Assert.All(outcomes.Where(o => o is not DecisionOutcome.Recorded), o =>
                Assert.Equal(Refusal.AlreadyDecidedByYou, Assert.IsType<DecisionOutcome.Refused>(o).Detail.Reason));
            var after = await _h.GetAsync(request.Id);
            Assert.Equal(RequestState.Pending, after.State);
            Assert.Single(after.Approvals);
            Assert.Equal(["request.submitted", "request.step_approved"], await _h.AuditActionsAsync(request.Id));
        }
    }

    [Fact]
    public async Task Concurrent_approvals_on_a_two_approval_step_both_count()
    {
        var actors = await Task.WhenAll(Crowd.Take(2).Select(e => _h.PersonAsync(e)));
        var requester = EngineHarness.NewEmail("alice");

        for (var round = 0; round < Rounds; round++)
        {
            var request = await _h.SubmitAsync(requester, "crowd-quorum");
            var outcomes = await RaceAsync(actors.Select(a => new DecideRequest(request.Id, a, true, null)));

            Assert.All(outcomes, o => Assert.IsType<DecisionOutcome.Recorded>(o));
            var after = await _h.GetAsync(request.Id);
            Assert.Equal(RequestState.Approved, after.State);
            Assert.Equal(2, after.Approvals.Count);
            Assert.Equal(["request.submitted", "request.step_approved", "request.approved"], await _h.AuditActionsAsync(request.Id));
        }
    }

    /// <summary>Starts every decision at the same moment (a shared gate) and waits for all of them.</summary>
    private async Task<DecisionOutcome[]> RaceAsync(IEnumerable<DecideRequest> decisions)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = decisions.Select(d => Task.Run(async () =>
        {
            await gate.Task;
            return await _h.Engine.DecideAsync(d, CancellationToken.None);
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
