using System.Text.Json.Nodes;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Provisioning;

namespace AccessBot.Tests.Integration.Engine;

[Collection(nameof(PostgresCollection))]
public sealed class GrantTransitionTests(PostgresFixture db) : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public Task InitializeAsync()
    {
        _h = new EngineHarness(db.DataSource);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<RequestSnapshot> ApprovedAsync(string resource = "prod-db", TimeSpan? duration = null)
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), resource, duration);
        return Assert.IsType<DecisionOutcome.Recorded>(await _h.DecideAsync(request.Id, EngineHarness.Bob)).Request;
    }

    [Fact]
    public async Task Provisioning_starts_the_clock_at_the_grant_and_schedules_expiry_and_reminder()
    {
        var approved = await ApprovedAsync(duration: TimeSpan.FromHours(3));
        await _h.ExecAsync("update access_requests set decided_at = decided_at - interval '1 hour' where id = @id", approved.Id.Value);

        await _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None);

        var active = await _h.GetAsync(approved.Id);
        Assert.Equal(RequestState.Active, active.State);
        Assert.Equal(TimeSpan.FromHours(3), active.ExpiresAt - active.GrantedAt);
        Assert.True(active.GrantedAt > active.DecidedAt!.Value.AddMinutes(59));
        var context = Assert.Single(_h.Provisioner.Grants);
        Assert.Equal(approved.Requester.Email, context.Principal.Email);
        // The access clock starts when the provisioner is called, so the target's own deadline is the request's expiry.
        Assert.Equal(active.ExpiresAt, context.ExpiresAt);
        Assert.Equal(active.ExpiresAt, await _h.ScalarAsync<DateTime>("select expires_at from grants where request_id = @id", approved.Id.Value));
        Assert.Equal(["request.submitted", "request.approved", "grant.granted"], await _h.AuditActionsAsync(approved.Id));
        var outbox = await _h.OutboxAsync(approved.Id);
        Assert.Equal(active.ExpiresAt, Assert.Single(outbox, o => o.Kind == OutboxKinds.Expire).RunAt);
        Assert.Equal(active.ExpiresAt!.Value.AddMinutes(-15), Assert.Single(outbox, o => o.Kind == OutboxKinds.Remind).RunAt);
    }

    [Fact]
    public async Task Provisioning_run_again_after_the_grant_changes_nothing()
    {
        var approved = await ApprovedAsync();
        await _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None);
        var first = await _h.GetAsync(approved.Id);

        await _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None);

        var second = await _h.GetAsync(approved.Id);
        Assert.Equal((first.GrantedAt, first.ExpiresAt, RequestState.Active), (second.GrantedAt, second.ExpiresAt, second.State));
        Assert.Single(await _h.AuditActionsAsync(approved.Id), a => a == "grant.granted");
        Assert.Equal(1L, await _h.ScalarAsync<long>("select count(*) from grants where request_id = @id", approved.Id.Value));
    }

    [Fact]
    public async Task Permanent_provisioning_failure_fails_the_request_and_alerts_security()
    {
        var approved = await ApprovedAsync();
        _h.Provisioner.OnGrant = _ => new ProvisionResult.Failed("role does not exist", Permanent: true);

        await _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None);

        var failed = await _h.GetAsync(approved.Id);
        Assert.Equal((RequestState.Failed, "role does not exist"), (failed.State, failed.ClosedReason));
        Assert.Equal("request.failed", (await _h.AuditActionsAsync(approved.Id))[^1]);
        Assert.Contains(await _h.OutboxAsync(approved.Id), o => o.NotificationKind == "SecurityAlert" && o.Payload.Contains("security", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transient_provisioning_failure_throws_for_a_retry_then_fails_after_the_last_attempt()
    {
        var approved = await ApprovedAsync();
        _h.Provisioner.OnGrant = _ => new ProvisionResult.Failed("timeout", Permanent: false);

        for (var attempt = 1; attempt < GrantLifecycle.MaxProvisionAttempts; attempt++)
        {
            await Assert.ThrowsAsync<ProvisioningFailedException>(() => _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None));
            Assert.Equal(RequestState.Approved, (await _h.GetAsync(approved.Id)).State);
        }
        await _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None);

        Assert.Equal(RequestState.Failed, (await _h.GetAsync(approved.Id)).State);
        Assert.Equal(GrantLifecycle.MaxProvisionAttempts, _h.Provisioner.Grants.Count);
        Assert.Single(await _h.AuditActionsAsync(approved.Id), a => a == "request.failed");
    }

    [Fact]
    public async Task Manual_provisioner_waits_for_a_person_then_confirmation_starts_the_clock()
    {
        var approved = await ApprovedAsync("manual-res", TimeSpan.FromHours(2));

        await _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None);
        await _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None);

        var waiting = await _h.GetAsync(approved.Id);
        Assert.Equal(RequestState.Approved, waiting.State);
        Assert.Null(waiting.GrantedAt);
        var manual = Assert.Single(await _h.OutboxAsync(approved.Id), o => o.NotificationKind == "ManualAction");
        var task = Assert.IsType<ManualTask>(Notice.FromJson(JsonNode.Parse(manual.Payload)!["notice"]));
        Assert.Equal((ManualStep.Grant, approved.Id.Value, "manual-res"), (task.Step, task.RequestId, task.Resource));
        Assert.Single(await _h.AuditActionsAsync(approved.Id), a => a == "grant.awaiting_human");

        var confirmed = await _h.Engine.ConfirmProvisionedAsync(approved.Id, await _h.PersonAsync(EngineHarness.Admin), CancellationToken.None);

        var active = Assert.IsType<CommandOutcome.Done>(confirmed).Request;
        Assert.Equal(RequestState.Active, active.State);
        Assert.Equal(TimeSpan.FromHours(2), active.ExpiresAt - active.GrantedAt);
        var granted = (await _h.Queries.AuditTrailAsync(approved.Id, CancellationToken.None))[^1];
        Assert.Equal(("grant.granted", EngineHarness.Admin), (granted.Action, granted.Actor));
    }

    [Fact]
    public async Task Requester_cannot_confirm_their_own_manual_grant()
    {
        var policy = new PolicyBuilder().Group("admins", EngineHarness.Admin).Group("owners", EngineHarness.Bob).Admins("admins")
            .Resource("manual-res", r => r.Step("owners").Provisioner(ManualProvisioner.KindName)).Build();
        await using var h = new EngineHarness(db.DataSource, policy);
        var request = await h.SubmitAsync(EngineHarness.Admin, "manual-res");
        await h.DecideAsync(request.Id, EngineHarness.Bob);
        await h.Lifecycle.ProvisionAsync(request.Id, CancellationToken.None);

        var outcome = await h.Engine.ConfirmProvisionedAsync(request.Id, await h.PersonAsync(EngineHarness.Admin), CancellationToken.None);

        Assert.Equal(Refusal.SelfApproval, Assert.IsType<CommandOutcome.Refused>(outcome).Detail.Reason);
        Assert.Equal(RequestState.Approved, (await h.GetAsync(request.Id)).State);
    }

    [Fact]
    public async Task Revoking_a_manual_grant_before_confirmation_tells_the_person_not_to_grant_it()
    {
        var approved = await ApprovedAsync("manual-res");
        await _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None);

        await _h.Engine.RevokeAsync(approved.Id, await _h.PersonAsync(EngineHarness.Admin), null, CancellationToken.None);

        Assert.Equal(RequestState.Revoked, (await _h.GetAsync(approved.Id)).State);
        var manual = (await _h.OutboxAsync(approved.Id)).Where(o => o.NotificationKind == "ManualAction").ToList();
        Assert.Equal(2, manual.Count);
        var task = Assert.IsType<ManualTask>(Notice.FromJson(JsonNode.Parse(manual[^1].Payload)!["notice"]));
        Assert.Equal((ManualStep.DoNotGrant, approved.Id.Value, "manual-res"), (task.Step, task.RequestId, task.Resource));
    }

    [Fact]
    public async Task Confirmation_is_refused_when_no_manual_grant_is_awaited()
    {
        var approved = await ApprovedAsync();

        var outcome = await _h.Engine.ConfirmProvisionedAsync(approved.Id, await _h.PersonAsync(EngineHarness.Admin), CancellationToken.None);

        Assert.Equal(Refusal.NotAllowed, Assert.IsType<CommandOutcome.Refused>(outcome).Detail.Reason);
    }

    [Fact]
    public async Task Release_by_the_requester_revokes_now_and_queues_the_target_clean_up()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));

        var outcome = await _h.Engine.ReleaseAsync(active.Id, await _h.PersonAsync(active.Requester.Email), CancellationToken.None);

        var released = Assert.IsType<CommandOutcome.Done>(outcome).Request;
        Assert.Equal((RequestState.Revoked, "released"), (released.State, released.ClosedReason));
        Assert.Equal("released", await _h.ScalarAsync<string>("select revoke_reason from grants where request_id = @id", active.Id.Value));
        Assert.Equal("grant.released", (await _h.AuditActionsAsync(active.Id))[^1]);
        Assert.Single(await _h.OutboxAsync(active.Id), o => o.Kind == OutboxKinds.Deprovision);

        await _h.Lifecycle.DeprovisionAsync(active.Id, CancellationToken.None);
        await _h.Lifecycle.DeprovisionAsync(active.Id, CancellationToken.None);

        Assert.Single(_h.Provisioner.Revokes);
        Assert.Single(await _h.AuditActionsAsync(active.Id), a => a == "grant.deprovisioned");
    }

    [Fact]
    public async Task Release_by_someone_else_is_refused()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));

        var outcome = await _h.Engine.ReleaseAsync(active.Id, await _h.PersonAsync(EngineHarness.Bob), CancellationToken.None);

        Assert.Equal(Refusal.NotRequester, Assert.IsType<CommandOutcome.Refused>(outcome).Detail.Reason);
        Assert.Equal(RequestState.Active, (await _h.GetAsync(active.Id)).State);
    }

    [Fact]
    public async Task Revoke_by_an_approver_of_the_resource_ends_the_grant_with_the_reason()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));

        var outcome = await _h.Engine.RevokeAsync(active.Id, await _h.PersonAsync(EngineHarness.Carol), "suspicious queries", CancellationToken.None);

        var revoked = Assert.IsType<CommandOutcome.Done>(outcome).Request;
        Assert.Equal((RequestState.Revoked, "suspicious queries"), (revoked.State, revoked.ClosedReason));
        var audit = (await _h.Queries.AuditTrailAsync(active.Id, CancellationToken.None))[^1];
        Assert.Equal(("grant.revoked", EngineHarness.Carol), (audit.Action, audit.Actor));
        Assert.Single(await _h.OutboxAsync(active.Id), o => o.Kind == OutboxKinds.Deprovision);
    }

    [Fact]
    public async Task Revoke_by_an_admin_closes_a_pending_request()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));

        var outcome = await _h.Engine.RevokeAsync(request.Id, await _h.PersonAsync(EngineHarness.Admin), null, CancellationToken.None);

        Assert.Equal(RequestState.Revoked, Assert.IsType<CommandOutcome.Done>(outcome).Request.State);
        Assert.Equal("request.revoked", (await _h.AuditActionsAsync(request.Id))[^1]);
        Assert.DoesNotContain(await _h.OutboxAsync(request.Id), o => o.Kind == OutboxKinds.Deprovision);
    }

    [Fact]
    public async Task Revoke_by_someone_who_is_neither_approver_nor_admin_is_refused()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));

        var outcome = await _h.Engine.RevokeAsync(active.Id, await _h.PersonAsync(EngineHarness.NewEmail("mallory")), null, CancellationToken.None);

        Assert.Equal(Refusal.NotAllowed, Assert.IsType<CommandOutcome.Refused>(outcome).Detail.Reason);
        Assert.Equal(RequestState.Active, (await _h.GetAsync(active.Id)).State);
        Assert.Equal("grant.granted", (await _h.AuditActionsAsync(active.Id))[^1]);
    }

    [Fact]
    public async Task A_grant_revoked_while_provisioning_ran_is_taken_away_again()
    {
        var approved = await ApprovedAsync();
        var admin = await _h.PersonAsync(EngineHarness.Admin);
        _h.Provisioner.OnGrant = _ =>
        {
            _h.Engine.RevokeAsync(approved.Id, admin, "changed my mind", CancellationToken.None).GetAwaiter().GetResult();
            return new ProvisionResult.Done("granted");
        };

        await _h.Lifecycle.ProvisionAsync(approved.Id, CancellationToken.None);

        Assert.Equal(RequestState.Revoked, (await _h.GetAsync(approved.Id)).State);
        Assert.Single(_h.Provisioner.Revokes);
        Assert.DoesNotContain("grant.granted", await _h.AuditActionsAsync(approved.Id));
        Assert.Equal(0L, await _h.ScalarAsync<long>("select count(*) from grants where request_id = @id", approved.Id.Value));
        Assert.DoesNotContain(await _h.OutboxAsync(approved.Id), o => o.Kind is OutboxKinds.Expire or OutboxKinds.Remind);
    }

    [Fact]
    public async Task Cancel_by_the_requester_closes_a_pending_request()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));

        var outcome = await _h.Engine.CancelAsync(request.Id, await _h.PersonAsync(request.Requester.Email), CancellationToken.None);

        Assert.Equal(RequestState.Cancelled, Assert.IsType<CommandOutcome.Done>(outcome).Request.State);
        Assert.Equal(["request.submitted", "request.cancelled"], await _h.AuditActionsAsync(request.Id));
        Assert.Contains(await _h.OutboxAsync(request.Id), o => o.NotificationKind == "RequestChanged");
    }

    [Fact]
    public async Task Cancel_by_someone_else_or_after_the_decision_is_refused()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var other = await _h.Engine.CancelAsync(request.Id, await _h.PersonAsync(EngineHarness.Bob), CancellationToken.None);
        await _h.DecideAsync(request.Id, EngineHarness.Bob);

        var late = await _h.Engine.CancelAsync(request.Id, await _h.PersonAsync(request.Requester.Email), CancellationToken.None);

        Assert.Equal(Refusal.NotRequester, Assert.IsType<CommandOutcome.Refused>(other).Detail.Reason);
        Assert.Equal(Refusal.NotPending, Assert.IsType<CommandOutcome.Refused>(late).Detail.Reason);
        Assert.Equal(RequestState.Approved, (await _h.GetAsync(request.Id)).State);
    }
}
