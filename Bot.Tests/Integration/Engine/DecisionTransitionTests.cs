using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Outbox;

namespace AccessBot.Tests.Integration.Engine;

[Collection(nameof(PostgresCollection))]
public sealed class DecisionTransitionTests(PostgresFixture db) : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public Task InitializeAsync()
    {
        _h = new EngineHarness(db.DataSource);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData("prod-db", true, "  looks fine  ")]
    [InlineData("prod-db", false, "not now")]
    [InlineData("two-step", true, null)]
    [InlineData("quorum", true, "")]
    public async Task The_decided_request_reported_is_the_request_as_stored(string resource, bool approve, string? comment)
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), resource);
        await using var elsewhere = new EngineHarness(db.DataSource);
        // Carol decides first through another engine, so the reported approvals include one this engine did not record.
        if (resource == "quorum") Assert.IsType<DecisionOutcome.Recorded>(await elsewhere.DecideAsync(request.Id, EngineHarness.Carol));

        var reported = Assert.IsType<DecisionOutcome.Recorded>(await _h.DecideAsync(request.Id, EngineHarness.Bob, approve, comment)).Request;

        var stored = await _h.GetAsync(request.Id);
        Assert.Equal(stored with { Approvals = [] }, reported with { Approvals = [] });
        Assert.Equal(stored.Approvals, reported.Approvals);
        Assert.Equal(comment?.Trim(), reported.Approvals[^1].Comment);
    }

    [Fact]
    public async Task Approval_of_the_last_step_approves_and_queues_provisioning()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));

        var outcome = await _h.DecideAsync(request.Id, EngineHarness.Bob, comment: "ok");

        var after = Assert.IsType<DecisionOutcome.Recorded>(outcome).Request;
        Assert.Equal(RequestState.Approved, after.State);
        Assert.NotNull(after.DecidedAt);
        var approval = Assert.Single(after.Approvals);
        Assert.Equal((EngineHarness.Bob, true, "ok", "https://chat.example/p/click"),
            (approval.Approver.Email, approval.Approved, approval.Comment, approval.Permalink));
        Assert.Equal(["request.submitted", "request.approved"], await _h.AuditActionsAsync(request.Id));
        var trail = await _h.Queries.AuditTrailAsync(request.Id, CancellationToken.None);
        Assert.Equal((EngineHarness.Bob, "https://chat.example/p/click"), (trail[1].Actor, trail[1].Permalink));
        var outbox = await _h.OutboxAsync(request.Id);
        Assert.Single(outbox, o => o.Kind == OutboxKinds.Provision);
        Assert.Contains(outbox, o => o.NotificationKind == "RequestChanged");
    }

    [Fact]
    public async Task Denial_closes_the_request_with_the_comment()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));

        var outcome = await _h.DecideAsync(request.Id, EngineHarness.Carol, approve: false, comment: "not during the freeze");

        var after = Assert.IsType<DecisionOutcome.Recorded>(outcome).Request;
        Assert.Equal(RequestState.Denied, after.State);
        Assert.Equal("not during the freeze", Assert.Single(after.Approvals).Comment);
        Assert.Equal(["request.submitted", "request.denied"], await _h.AuditActionsAsync(request.Id));
        var denied = (await _h.Queries.AuditTrailAsync(request.Id, CancellationToken.None))[1];
        Assert.Equal("not during the freeze", denied.Details["comment"]!.GetValue<string>());
        Assert.DoesNotContain(await _h.OutboxAsync(request.Id), o => o.Kind == OutboxKinds.Provision);
    }

    [Fact]
    public async Task A_decided_request_stays_decided_and_the_late_approver_learns_who_decided()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));
        await _h.DecideAsync(request.Id, EngineHarness.Carol, approve: false);

        var late = await _h.DecideAsync(request.Id, EngineHarness.Bob);

        var closed = Assert.IsType<DecisionOutcome.AlreadyClosed>(late).Request;
        Assert.Equal(RequestState.Denied, closed.State);
        Assert.Equal(EngineHarness.Carol, Assert.Single(closed.Approvals).Approver.Email);
        Assert.Equal(["request.submitted", "request.denied"], await _h.AuditActionsAsync(request.Id));
    }

    [Fact]
    public async Task Requester_cannot_approve_their_own_request()
    {
        var request = await _h.SubmitAsync(EngineHarness.Bob);

        var outcome = await _h.DecideAsync(request.Id, EngineHarness.Bob);

        Assert.Equal(Refusal.SelfApproval, Assert.IsType<DecisionOutcome.Refused>(outcome).Detail.Reason);
        Assert.Equal(RequestState.Pending, (await _h.GetAsync(request.Id)).State);
        Assert.Equal(["request.submitted"], await _h.AuditActionsAsync(request.Id));
        await _h.DecideAsync(request.Id, EngineHarness.Carol, approve: false);
    }

    [Fact]
    public async Task Requester_cannot_approve_from_their_other_platform_account()
    {
        var request = await _h.SubmitAsync(EngineHarness.Dave);
        var viaOtherPlatform = await _h.Directory.LinkAsync("DAVE@example.com", "Dave", new PlatformIdentity("slack", "U-DAVE"), CancellationToken.None);

        var outcome = await _h.Engine.DecideAsync(
            new DecideRequest(request.Id, Actor.Person(viaOtherPlatform, "slack"), true, null), CancellationToken.None);

        Assert.Equal(Refusal.SelfApproval, Assert.IsType<DecisionOutcome.Refused>(outcome).Detail.Reason);
        Assert.Equal(RequestState.Pending, (await _h.GetAsync(request.Id)).State);
        await _h.DecideAsync(request.Id, EngineHarness.Carol, approve: false);
    }

    [Fact]
    public async Task A_person_outside_the_step_group_cannot_decide()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));

        var approve = await _h.DecideAsync(request.Id, EngineHarness.Erin);
        var deny = await _h.DecideAsync(request.Id, EngineHarness.NewEmail("mallory"), approve: false);

        Assert.Equal(Refusal.NotAnApprover, Assert.IsType<DecisionOutcome.Refused>(approve).Detail.Reason);
        Assert.Equal(Refusal.NotAnApprover, Assert.IsType<DecisionOutcome.Refused>(deny).Detail.Reason);
        Assert.Equal(RequestState.Pending, (await _h.GetAsync(request.Id)).State);
        Assert.Equal(0L, await _h.ScalarAsync<long>("select count(*) from approvals where request_id = @id", request.Id.Value));
    }

    [Fact]
    public async Task Multi_step_chain_moves_step_by_step_and_asks_the_next_group()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), "two-step");

        var first = Assert.IsType<DecisionOutcome.Recorded>(await _h.DecideAsync(request.Id, EngineHarness.Bob)).Request;

        Assert.Equal((RequestState.Pending, 2, "leads"), (first.State, first.CurrentStep, first.CurrentStepGroup));
        Assert.Contains(await _h.OutboxAsync(request.Id), o => o.NotificationKind == "ApprovalRequested" && o.Payload.Contains(EngineHarness.Erin, StringComparison.Ordinal));
        var second = Assert.IsType<DecisionOutcome.Recorded>(await _h.DecideAsync(request.Id, EngineHarness.Erin)).Request;
        Assert.Equal(RequestState.Approved, second.State);
        Assert.Equal([1, 2], second.Approvals.Select(a => a.Step));
        Assert.Equal(["request.submitted", "request.step_approved", "request.approved"], await _h.AuditActionsAsync(request.Id));
    }

    [Fact]
    public async Task One_person_decides_at_most_one_step_of_a_request()
    {
        var policy = new PolicyBuilder().Group("ops", EngineHarness.Bob, EngineHarness.Carol)
            .Resource("double", r => r.Step("ops").Step("ops")).Build();
        await using var h = new EngineHarness(db.DataSource, policy);
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"), "double");
        await h.DecideAsync(request.Id, EngineHarness.Bob);

        var again = await h.DecideAsync(request.Id, EngineHarness.Bob);

        Assert.Equal(Refusal.AlreadyDecidedByYou, Assert.IsType<DecisionOutcome.Refused>(again).Detail.Reason);
        Assert.Equal(2, (await h.GetAsync(request.Id)).CurrentStep);
        Assert.Equal(RequestState.Approved,
            Assert.IsType<DecisionOutcome.Recorded>(await h.DecideAsync(request.Id, EngineHarness.Carol)).Request.State);
    }

    [Fact]
    public async Task A_step_needing_two_approvals_waits_for_the_second_distinct_approver()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), "quorum");

        var first = Assert.IsType<DecisionOutcome.Recorded>(await _h.DecideAsync(request.Id, EngineHarness.Bob)).Request;
        var repeat = await _h.DecideAsync(request.Id, EngineHarness.Bob);
        var second = Assert.IsType<DecisionOutcome.Recorded>(await _h.DecideAsync(request.Id, EngineHarness.Carol)).Request;

        Assert.Equal((RequestState.Pending, 1), (first.State, first.CurrentStep));
        Assert.Equal(Refusal.AlreadyDecidedByYou, Assert.IsType<DecisionOutcome.Refused>(repeat).Detail.Reason);
        Assert.Equal(RequestState.Approved, second.State);
        Assert.Equal(["request.submitted", "request.step_approved", "request.approved"], await _h.AuditActionsAsync(request.Id));
    }

    [Fact]
    public async Task Escalation_group_may_decide_only_once_the_step_is_escalated()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var before = await _h.DecideAsync(request.Id, EngineHarness.Erin);
        await _h.ExecAsync("update access_requests set step_started_at = now() - interval '31 minutes' where id = @id", request.Id.Value);
        Assert.Equal(TimerResult.Done, await _h.Timers.EscalateAsync(request.Id, 1, CancellationToken.None));

        var after = await _h.DecideAsync(request.Id, EngineHarness.Erin);

        Assert.Equal(Refusal.NotAnApprover, Assert.IsType<DecisionOutcome.Refused>(before).Detail.Reason);
        Assert.Equal(RequestState.Approved, Assert.IsType<DecisionOutcome.Recorded>(after).Request.State);
        Assert.Equal(["request.submitted", "request.escalated", "request.approved"], await _h.AuditActionsAsync(request.Id));
    }

    [Fact]
    public async Task Unknown_request_is_reported_as_not_found()
    {
        var outcome = await _h.DecideAsync(new RequestId(long.MaxValue), EngineHarness.Bob);

        Assert.IsType<DecisionOutcome.NotFound>(outcome);
    }
}
