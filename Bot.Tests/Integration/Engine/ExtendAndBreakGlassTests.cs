using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Outbox;

namespace AccessBot.Tests.Integration.Engine;

[Collection(nameof(PostgresCollection))]
public sealed class ExtendAndBreakGlassTests(PostgresFixture db) : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public Task InitializeAsync()
    {
        _h = new EngineHarness(db.DataSource);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<SubmitOutcome> ExtendAsync(RequestSnapshot original, string asEmail, TimeSpan duration, string? reason = "need more time") =>
        await _h.Engine.ExtendAsync(new ExtendRequest(original.Id, await _h.PersonAsync(asEmail), duration, reason,
            new RequestOrigin("test", null, null)), CancellationToken.None);

    [Fact]
    public async Task Extension_is_a_new_request_that_needs_approval()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));

        var extension = Assert.IsType<SubmitOutcome.Submitted>(await ExtendAsync(active, active.Requester.Email, TimeSpan.FromHours(1))).Request;

        Assert.NotEqual(active.Id, extension.Id);
        Assert.Equal(RequestState.Pending, extension.State);
        Assert.Equal(active.Id.Value, await _h.ScalarAsync<long>("select extends_request_id from access_requests where id = @id", extension.Id.Value));
        Assert.Equal(active.ExpiresAt, (await _h.GetAsync(active.Id)).ExpiresAt);
    }

    [Fact]
    public async Task Approved_extension_pushes_the_original_expiry_out_and_audits_it()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));
        var extension = Assert.IsType<SubmitOutcome.Submitted>(await ExtendAsync(active, active.Requester.Email, TimeSpan.FromMinutes(90))).Request;

        var decided = Assert.IsType<DecisionOutcome.Recorded>(await _h.DecideAsync(extension.Id, EngineHarness.Carol)).Request;

        Assert.Equal(("extension applied", RequestState.Approved), (decided.ClosedReason, decided.State));
        var original = await _h.GetAsync(active.Id);
        Assert.Equal(active.ExpiresAt!.Value.AddMinutes(90), original.ExpiresAt);
        Assert.Equal(original.ExpiresAt, await _h.ScalarAsync<DateTime>("select expires_at from grants where request_id = @id", active.Id.Value));
        Assert.Equal("grant.extended", (await _h.AuditActionsAsync(active.Id))[^1]);
        var outbox = await _h.OutboxAsync(active.Id);
        Assert.Contains(outbox, o => o.Kind == OutboxKinds.Expire && o.RunAt == original.ExpiresAt);
        Assert.Equal(2, outbox.Count(o => o.Kind == OutboxKinds.Provision));
        Assert.DoesNotContain(await _h.OutboxAsync(extension.Id), o => o.Kind == OutboxKinds.Provision);
    }

    [Fact]
    public async Task Extension_covered_by_the_auto_approve_rule_applies_at_once()
    {
        var request = await _h.SubmitAsync(EngineHarness.AutoUser, "auto", TimeSpan.FromHours(1));
        await _h.Lifecycle.ProvisionAsync(request.Id, CancellationToken.None);
        var active = await _h.GetAsync(request.Id);

        var extension = Assert.IsType<SubmitOutcome.Submitted>(await ExtendAsync(active, EngineHarness.AutoUser, TimeSpan.FromMinutes(30))).Request;

        Assert.Equal((RequestState.Approved, "extension applied"), (extension.State, extension.ClosedReason));
        Assert.Equal(active.ExpiresAt!.Value.AddMinutes(30), (await _h.GetAsync(active.Id)).ExpiresAt);
        Assert.Equal(["request.submitted", "request.approved"], await _h.AuditActionsAsync(extension.Id));
        Assert.Equal("grant.extended", (await _h.AuditActionsAsync(active.Id))[^1]);
    }

    [Fact]
    public async Task Extension_longer_than_the_resource_maximum_is_refused()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));

        var outcome = await ExtendAsync(active, active.Requester.Email, TimeSpan.FromHours(9));

        Assert.Equal(Refusal.DurationTooLong, Assert.IsType<SubmitOutcome.Refused>(outcome).Detail.Reason);
    }

    [Fact]
    public async Task Only_the_requester_can_extend_and_only_an_active_grant()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));
        var pending = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));

        var byOther = await ExtendAsync(active, EngineHarness.Bob, TimeSpan.FromHours(1));
        var notActive = await ExtendAsync(pending, pending.Requester.Email, TimeSpan.FromHours(1));

        Assert.Equal(Refusal.NotRequester, Assert.IsType<SubmitOutcome.Refused>(byOther).Detail.Reason);
        Assert.Equal(Refusal.NotActive, Assert.IsType<SubmitOutcome.Refused>(notActive).Detail.Reason);
    }

    [Fact]
    public async Task Extension_approved_after_the_grant_ended_fails_and_changes_nothing()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));
        var extension = Assert.IsType<SubmitOutcome.Submitted>(await ExtendAsync(active, active.Requester.Email, TimeSpan.FromHours(1))).Request;
        await _h.Engine.ReleaseAsync(active.Id, await _h.PersonAsync(active.Requester.Email), CancellationToken.None);

        var decided = Assert.IsType<DecisionOutcome.Recorded>(await _h.DecideAsync(extension.Id, EngineHarness.Carol)).Request;

        Assert.Equal(RequestState.Failed, decided.State);
        Assert.Equal(RequestState.Revoked, (await _h.GetAsync(active.Id)).State);
        Assert.DoesNotContain("grant.extended", await _h.AuditActionsAsync(active.Id));
    }

    private async Task<SubmitOutcome> BreakGlassAsync(string asEmail, TimeSpan? duration, string? reason) =>
        await _h.Engine.BreakGlassAsync(new SubmitRequest(await _h.PersonAsync(asEmail), "prod-db", duration, reason,
            new RequestOrigin("test", "C-INCIDENT", null)), CancellationToken.None);

    [Fact]
    public async Task Break_glass_grants_at_once_tells_skipped_approvers_and_security_and_opens_a_review()
    {
        var outcome = await BreakGlassAsync(EngineHarness.OnCall, TimeSpan.FromMinutes(30), "prod down, INC-42");

        var request = Assert.IsType<SubmitOutcome.Submitted>(outcome).Request;
        Assert.Equal(RequestState.Approved, request.State);
        Assert.True(request.BreakGlass);
        Assert.Equal(["break_glass.used"], await _h.AuditActionsAsync(request.Id));
        Assert.Equal(1L, await _h.ScalarAsync<long>("select count(*) from reviews where request_id = @id and closed_at is null", request.Id.Value));
        var outbox = await _h.OutboxAsync(request.Id);
        var loud = Assert.Single(outbox, o => o.NotificationKind == "BreakGlass");
        Assert.Contains("\"security\"", loud.Payload, StringComparison.Ordinal);
        Assert.All([EngineHarness.Bob, EngineHarness.Carol, EngineHarness.Dave], e => Assert.Contains(e, loud.Payload, StringComparison.Ordinal));
        Assert.Single(outbox, o => o.Kind == OutboxKinds.Provision);

        await _h.Lifecycle.ProvisionAsync(request.Id, CancellationToken.None);
        Assert.Equal(RequestState.Active, (await _h.GetAsync(request.Id)).State);
    }

    [Theory]
    [InlineData("someone", 30, "incident", Refusal.BreakGlassNotAllowed)]
    [InlineData(EngineHarness.OnCall, 30, "", Refusal.ReasonRequired)]
    [InlineData(EngineHarness.OnCall, 61, "incident", Refusal.DurationTooLong)]
    public async Task Break_glass_is_refused_outside_its_rule(string who, int minutes, string reason, Refusal expected)
    {
        var email = who.Contains('@', StringComparison.Ordinal) ? who : EngineHarness.NewEmail(who);

        var outcome = await BreakGlassAsync(email, TimeSpan.FromMinutes(minutes), reason);

        Assert.Equal(expected, Assert.IsType<SubmitOutcome.Refused>(outcome).Detail.Reason);
    }

    [Fact]
    public async Task Break_glass_is_refused_where_the_resource_has_no_rule()
    {
        var outcome = await _h.Engine.BreakGlassAsync(new SubmitRequest(await _h.PersonAsync(EngineHarness.OnCall), "two-step",
            TimeSpan.FromMinutes(10), "incident", new RequestOrigin("test", null, null)), CancellationToken.None);

        Assert.Equal(Refusal.BreakGlassNotAllowed, Assert.IsType<SubmitOutcome.Refused>(outcome).Detail.Reason);
    }
}
