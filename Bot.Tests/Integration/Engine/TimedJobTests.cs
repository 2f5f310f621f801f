using System.Text.Json.Nodes;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Provisioning;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>The timed transitions: the database clock decides, early runs reschedule, re-runs are no-ops.</summary>
[Collection(nameof(PostgresCollection))]
public sealed class TimedJobTests(PostgresFixture db) : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public Task InitializeAsync()
    {
        _h = new EngineHarness(db.DataSource);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<int> SetAsync(string assignments, RequestId id) =>
        _h.ExecAsync($"update access_requests set {assignments} where id = @id", id.Value);

    [Fact]
    public async Task Escalation_that_runs_early_reschedules_itself_for_the_remainder()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));
        await SetAsync("step_started_at = now() - interval '10 minutes'", request.Id);

        var result = await _h.Timers.EscalateAsync(request.Id, 1, CancellationToken.None);

        Assert.Equal(TimerResult.NotDue, result);
        Assert.DoesNotContain("request.escalated", await _h.AuditActionsAsync(request.Id));
        var started = await _h.ScalarAsync<DateTime>("select step_started_at from access_requests where id = @id", request.Id.Value);
        var again = (await _h.OutboxAsync(request.Id)).Where(o => o.Kind == OutboxKinds.Escalate).ToList();
        Assert.Equal(2, again.Count);
        Assert.Equal(started.AddMinutes(30), again[^1].RunAt!.Value.UtcDateTime);
    }

    [Fact]
    public async Task Due_escalation_tells_the_escalation_group_once()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));
        await SetAsync("step_started_at = now() - interval '31 minutes'", request.Id);

        var first = await _h.Timers.EscalateAsync(request.Id, 1, CancellationToken.None);
        var second = await _h.Timers.EscalateAsync(request.Id, 1, CancellationToken.None);

        Assert.Equal((TimerResult.Done, TimerResult.NothingToDo), (first, second));
        Assert.Single(await _h.AuditActionsAsync(request.Id), a => a == "request.escalated");
        var told = Assert.Single(await _h.OutboxAsync(request.Id), o => o.NotificationKind == "Escalated");
        Assert.Contains(EngineHarness.Erin, told.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_of_a_step_that_was_already_decided_does_nothing()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));
        await _h.DecideAsync(request.Id, EngineHarness.Bob);
        await SetAsync("step_started_at = now() - interval '2 hours'", request.Id);

        var result = await _h.Timers.EscalateAsync(request.Id, 1, CancellationToken.None);

        Assert.Equal(TimerResult.NothingToDo, result);
        Assert.DoesNotContain("request.escalated", await _h.AuditActionsAsync(request.Id));
    }

    [Fact]
    public async Task Time_out_lands_only_when_the_database_clock_says_so()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), "quick-timeout");
        await SetAsync("created_at = now() - interval '9 minutes'", request.Id);
        var early = await _h.Timers.TimeOutAsync(request.Id, reschedule: false, CancellationToken.None);
        Assert.Equal(RequestState.Pending, (await _h.GetAsync(request.Id)).State);
        await SetAsync("created_at = now() - interval '11 minutes'", request.Id);

        var due = await _h.Timers.TimeOutAsync(request.Id, reschedule: true, CancellationToken.None);
        var rerun = await _h.Timers.TimeOutAsync(request.Id, reschedule: true, CancellationToken.None);

        Assert.Equal((TimerResult.NotDue, TimerResult.Done, TimerResult.NothingToDo), (early, due, rerun));
        Assert.Equal(RequestState.TimedOut, (await _h.GetAsync(request.Id)).State);
        Assert.Equal(["request.submitted", "request.timed_out"], await _h.AuditActionsAsync(request.Id));
        Assert.Contains(await _h.OutboxAsync(request.Id), o => o.NotificationKind == "RequesterUpdate");
    }

    [Fact]
    public async Task Reminder_goes_out_once_per_expiry_and_again_after_an_extension()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));
        var early = await _h.Timers.RemindAsync(active.Id, CancellationToken.None);
        await SetAsync("expires_at = now() + interval '10 minutes'", active.Id);

        var due = await _h.Timers.RemindAsync(active.Id, CancellationToken.None);
        var rerun = await _h.Timers.RemindAsync(active.Id, CancellationToken.None);
        await SetAsync("expires_at = expires_at + interval '1 minute'", active.Id);
        var afterExtension = await _h.Timers.RemindAsync(active.Id, CancellationToken.None);

        Assert.Equal((TimerResult.NotDue, TimerResult.Done, TimerResult.NothingToDo, TimerResult.Done), (early, due, rerun, afterExtension));
        Assert.Equal(2, (await _h.OutboxAsync(active.Id)).Count(o => o.NotificationKind == "ExpiringSoon"));
    }

    [Fact]
    public async Task Expiry_before_the_database_says_so_changes_nothing_and_is_rescheduled()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));
        await SetAsync("expires_at = now() + interval '5 minutes'", active.Id);

        await _h.Get<ExpireGrantJob>().RunAsync(active.Id.Value, CancellationToken.None);

        Assert.Equal(RequestState.Active, (await _h.GetAsync(active.Id)).State);
        Assert.Empty(_h.Provisioner.Revokes);
        var expiries = (await _h.OutboxAsync(active.Id)).Where(o => o.Kind == OutboxKinds.Expire).ToList();
        Assert.Equal(2, expiries.Count);
        var expiresAt = (await _h.GetAsync(active.Id)).ExpiresAt!.Value;
        Assert.InRange(expiries[^1].RunAt!.Value, expiresAt.AddSeconds(-5), expiresAt.AddSeconds(5));
    }

    [Fact]
    public async Task Due_expiry_revokes_through_the_provisioner_and_a_rerun_does_nothing()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));
        await SetAsync("expires_at = now() - interval '1 second'", active.Id);

        await _h.Get<ExpireGrantJob>().RunAsync(active.Id.Value, CancellationToken.None);
        await _h.Get<ExpireGrantJob>().RunAsync(active.Id.Value, CancellationToken.None);

        var expired = await _h.GetAsync(active.Id);
        Assert.Equal(RequestState.Expired, expired.State);
        Assert.Equal(active.Id, Assert.Single(_h.Provisioner.Revokes).RequestId);
        Assert.Single(await _h.AuditActionsAsync(active.Id), a => a == "grant.expired");
        Assert.Equal("expired", await _h.ScalarAsync<string>(
            "select revoke_reason from grants where request_id = @id and revoked_at is not null and deprovisioned_at is not null", active.Id.Value));
    }

    [Fact]
    public async Task Expiry_keeps_the_grant_active_when_the_target_refuses_the_revoke()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));
        await SetAsync("expires_at = now() - interval '1 second'", active.Id);
        _h.Provisioner.OnRevoke = _ => new ProvisionResult.Failed("connection refused", Permanent: false);

        await Assert.ThrowsAsync<ProvisioningFailedException>(() => _h.Lifecycle.ExpireAsync(active.Id, Actor.System("test"), CancellationToken.None));

        Assert.Equal(RequestState.Active, (await _h.GetAsync(active.Id)).State);
        Assert.DoesNotContain("grant.expired", await _h.AuditActionsAsync(active.Id));
    }

    [Fact]
    public async Task Manual_grant_still_ends_at_expiry_and_a_person_is_told_to_remove_it()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), "manual-res");
        await _h.DecideAsync(request.Id, EngineHarness.Bob);
        await _h.Lifecycle.ProvisionAsync(request.Id, CancellationToken.None);
        await _h.Engine.ConfirmProvisionedAsync(request.Id, await _h.PersonAsync(EngineHarness.Admin), CancellationToken.None);
        await SetAsync("expires_at = now() - interval '1 second'", request.Id);

        var result = await _h.Lifecycle.ExpireAsync(request.Id, Actor.System("expire"), CancellationToken.None);

        Assert.IsType<ExpiryResult.Expired>(result);
        Assert.Equal(RequestState.Expired, (await _h.GetAsync(request.Id)).State);
        var manual = (await _h.OutboxAsync(request.Id)).Where(o => o.NotificationKind == "ManualAction").ToList();
        Assert.Equal(2, manual.Count);
        var task = Assert.IsType<ManualTask>(Notice.FromJson(JsonNode.Parse(manual[^1].Payload)!["notice"]));
        Assert.Equal((ManualStep.Remove, request.Id.Value, "manual-res"), (task.Step, task.RequestId, task.Resource));
    }

    [Fact]
    public async Task Reconcile_revokes_an_overdue_grant_even_when_no_expiry_job_ran()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));
        var overduePending = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), "quick-timeout");
        await SetAsync("expires_at = now() - interval '3 hours'", active.Id);
        await SetAsync("created_at = now() - interval '1 hour'", overduePending.Id);

        await _h.Get<ReconcileJob>().RunAsync(CancellationToken.None);
        await _h.Get<ReconcileJob>().RunAsync(CancellationToken.None);

        Assert.Equal(RequestState.Expired, (await _h.GetAsync(active.Id)).State);
        Assert.Single(_h.Provisioner.Revokes, r => r.RequestId == active.Id);
        var audit = (await _h.Queries.AuditTrailAsync(active.Id, CancellationToken.None)).Single(e => e.Action == "grant.expired");
        Assert.Equal("system:reconcile", audit.Actor);
        Assert.Equal(RequestState.TimedOut, (await _h.GetAsync(overduePending.Id)).State);
    }

    [Fact]
    public async Task Reconcile_prunes_outbox_rows_dispatched_over_a_week_ago_and_keeps_the_rest()
    {
        var old = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var recent = await _h.SubmitAsync(EngineHarness.NewEmail("bob"));
        var recentWork = await _h.OutboxAsync(recent.Id);
        await _h.ExecAsync("update outbox set dispatched_at = now() - interval '8 days' where request_id = @id", old.Id.Value);
        await _h.ExecAsync("update outbox set dispatched_at = now() - interval '6 days' where request_id = @id", recent.Id.Value);

        await _h.Get<ReconcileJob>().RunAsync(CancellationToken.None);

        Assert.Empty(await _h.OutboxAsync(old.Id));
        Assert.Equal(recentWork.Select(o => o.Id), (await _h.OutboxAsync(recent.Id)).Select(o => o.Id));
        Assert.NotEmpty(recentWork);
    }

    [Fact]
    public async Task Reconcile_retries_target_clean_up_that_never_succeeded()
    {
        var active = await _h.ActiveGrantAsync(EngineHarness.NewEmail("alice"));
        await _h.Engine.ReleaseAsync(active.Id, await _h.PersonAsync(active.Requester.Email), CancellationToken.None);
        await _h.ExecAsync("update grants set revoked_at = now() - interval '10 minutes' where request_id = @id", active.Id.Value);

        await _h.Get<ReconcileJob>().RunAsync(CancellationToken.None);

        Assert.Single(_h.Provisioner.Revokes, r => r.RequestId == active.Id);
        Assert.Contains("grant.deprovisioned", await _h.AuditActionsAsync(active.Id));
    }
}
