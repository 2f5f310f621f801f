using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Outbox;

namespace AccessBot.Tests.Integration.Engine;

[Collection(nameof(PostgresCollection))]
public sealed class SubmitTransitionTests(PostgresFixture db) : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public Task InitializeAsync()
    {
        _h = new EngineHarness(db.DataSource);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Submitted_request_is_pending_on_step_one_pinned_to_the_policy_version()
    {
        var requester = EngineHarness.NewEmail("alice");

        var request = await _h.SubmitAsync(requester, duration: TimeSpan.FromHours(2));

        Assert.Equal(RequestState.Pending, request.State);
        Assert.Equal(1, request.CurrentStep);
        Assert.Equal(1, request.TotalSteps);
        Assert.Equal("db-owners", request.CurrentStepGroup);
        Assert.Equal(TimeSpan.FromHours(2), request.Duration);
        Assert.Equal("test-policy-v1", request.PolicyVersion);
        Assert.Equal(requester, request.Requester.Email);
        Assert.Equal(["request.submitted"], await _h.AuditActionsAsync(request.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_submitted_request_reported_is_the_request_as_stored(bool autoApproved)
    {
        var submitted = autoApproved
            ? await _h.SubmitAsync(EngineHarness.AutoUser, "auto", reason: "  trimmed reason  ")
            : await _h.SubmitAsync(EngineHarness.NewEmail("alice"), reason: "  trimmed reason  ");

        var stored = await _h.GetAsync(submitted.Id);

        Assert.Equal(stored with { Approvals = [] }, submitted with { Approvals = [] });
        Assert.Equal(stored.Approvals.Count, submitted.Approvals.Count);
        Assert.Equal(("trimmed reason", autoApproved), (submitted.Reason, submitted.AutoApproved));
    }

    [Fact]
    public async Task Submission_writes_approval_and_requester_notifications_escalation_and_timeout()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));

        var outbox = await _h.OutboxAsync(request.Id);

        Assert.Contains(outbox, o => o is { Kind: OutboxKinds.Notify, NotificationKind: "ApprovalRequested" }
            && o.Payload.Contains(EngineHarness.Bob, StringComparison.Ordinal) && o.Payload.Contains("\"approvals\"", StringComparison.Ordinal));
        Assert.Contains(outbox, o => o is { Kind: OutboxKinds.Notify, NotificationKind: "RequesterUpdate" });
        var escalate = Assert.Single(outbox, o => o.Kind == OutboxKinds.Escalate);
        var timeout = Assert.Single(outbox, o => o.Kind == OutboxKinds.TimeOut);
        var created = await _h.ScalarAsync<DateTime>("select created_at from access_requests where id = @id", request.Id.Value);
        Assert.Equal(TimeSpan.FromMinutes(30), escalate.RunAt!.Value.UtcDateTime - created);
        Assert.Equal(TimeSpan.FromHours(24), timeout.RunAt!.Value.UtcDateTime - created);
    }

    [Fact]
    public async Task Submission_stores_its_follow_up_work_as_one_outbox_row_whose_items_keep_their_order()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));

        var rowIds = await _h.ScalarAsync<long[]>("select array_agg(id order by id) from outbox where request_id = @id", request.Id.Value);
        var work = await _h.OutboxAsync(request.Id);

        var row = Assert.Single(rowIds);
        Assert.Equal(OutboxKinds.Batch, await _h.ScalarAsync<string>("select kind from outbox where request_id = @id", request.Id.Value));
        Assert.Equal(
            [
                (OutboxItemId.Compose(row, 0), OutboxKinds.Notify, "ApprovalRequested"),
                (OutboxItemId.Compose(row, 1), OutboxKinds.Notify, "RequesterUpdate"),
                (OutboxItemId.Compose(row, 2), OutboxKinds.Escalate, null),
                (OutboxItemId.Compose(row, 3), OutboxKinds.TimeOut, null),
            ],
            work.Select(o => (o.Id, o.Kind, o.NotificationKind)));
        Assert.Equal("{\"step\": 1}", work[2].Payload);
        Assert.Equal("{}", work[3].Payload);
    }

    [Fact]
    public async Task Default_duration_applies_when_none_is_given()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), duration: null);

        Assert.Equal(TimeSpan.FromHours(1), request.Duration);
    }

    [Fact]
    public async Task Auto_approve_rule_approves_at_once_and_queues_provisioning()
    {
        var request = await _h.SubmitAsync(EngineHarness.AutoUser, "auto", TimeSpan.FromHours(2));

        Assert.Equal(RequestState.Approved, request.State);
        Assert.True(request.AutoApproved);
        Assert.NotNull(request.DecidedAt);
        Assert.Equal(["request.submitted", "request.approved"], await _h.AuditActionsAsync(request.Id));
        var outbox = await _h.OutboxAsync(request.Id);
        Assert.Single(outbox, o => o.Kind == OutboxKinds.Provision);
        Assert.DoesNotContain(outbox, o => o.Kind is OutboxKinds.Escalate or OutboxKinds.TimeOut);
    }

    [Fact]
    public async Task Auto_approve_does_not_cover_a_duration_above_the_rule_maximum()
    {
        var request = await _h.SubmitAsync(EngineHarness.AutoUser, "auto", TimeSpan.FromHours(3));

        Assert.Equal(RequestState.Pending, request.State);
        Assert.False(request.AutoApproved);
    }

    [Fact]
    public async Task Auto_approve_does_not_cover_requesters_outside_its_groups()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), "auto", TimeSpan.FromHours(1));

        Assert.Equal(RequestState.Pending, request.State);
    }

    [Theory]
    [InlineData("no-such-db", 1, "fix", Refusal.UnknownResource)]
    [InlineData("prod-db", 9, "fix", Refusal.DurationTooLong)]
    [InlineData("prod-db", 1, "  ", Refusal.ReasonRequired)]
    [InlineData("prod-db", 1, null, Refusal.ReasonRequired)]
    public async Task Invalid_submission_is_refused_and_leaves_nothing_behind(string resource, int hours, string? reason, Refusal expected)
    {
        var requester = await _h.PersonAsync(EngineHarness.NewEmail("alice"));

        var outcome = await _h.Engine.SubmitAsync(
            new SubmitRequest(requester, resource, TimeSpan.FromHours(hours), reason, new RequestOrigin("test", null, null)), CancellationToken.None);

        Assert.Equal(expected, Assert.IsType<SubmitOutcome.Refused>(outcome).Detail.Reason);
        Assert.Equal(0L, await CountRequestsAsync(requester.Principal!.Id.Value));
    }

    [Fact]
    public async Task Pending_cap_refuses_the_request_beyond_the_limit()
    {
        var requester = EngineHarness.NewEmail("alice");
        for (var i = 0; i < 3; i++) await _h.SubmitAsync(requester);
        var actor = await _h.PersonAsync(requester);

        var outcome = await _h.Engine.SubmitAsync(
            new SubmitRequest(actor, "prod-db", null, "more", new RequestOrigin("test", null, null)), CancellationToken.None);

        var detail = Assert.IsType<SubmitOutcome.Refused>(outcome).Detail;
        Assert.Equal((Refusal.TooManyPending, 3L, 3), (detail.Reason, detail.Facts.Pending, detail.Facts.PendingLimit));
        Assert.Equal(3L, await CountRequestsAsync(actor.Principal!.Id.Value));
        // The refused insert travelled with its audit and outbox rows and COMMIT; none of them may have been written.
        await using var events = db.DataSource.CreateCommand(
            "select count(*) from audit_events where actor = @actor and action = 'request.submitted'");
        events.Parameters.AddWithValue("actor", requester);
        Assert.Equal(3L, (long)(await events.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Pending_cap_holds_under_concurrent_submissions()
    {
        var requester = await _h.PersonAsync(EngineHarness.NewEmail("alice"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _h.Engine.SubmitAsync(
            new SubmitRequest(requester, "prod-db", null, "burst", new RequestOrigin("test", null, null)), CancellationToken.None)));

        Assert.Equal(3, outcomes.Count(o => o is SubmitOutcome.Submitted));
        Assert.Equal(3L, await CountRequestsAsync(requester.Principal!.Id.Value));
    }

    private async Task<long> CountRequestsAsync(Guid requester)
    {
        await using var command = db.DataSource.CreateCommand("select count(*) from access_requests where requester_id = @id");
        command.Parameters.AddWithValue("id", requester);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
