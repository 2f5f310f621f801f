using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Outbox;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// The timed transitions that need no provisioner: escalation of a slow step, time-out of a request nobody decided, and the
/// reminder before expiry. "Is it due?" is decided in SQL by the database clock. A run that comes early reschedules itself
/// for the remainder through the outbox; a run after the work was done (or made moot) does nothing.
/// </summary>
public sealed class PendingTimers(EngineServices engine)
{
    /// <summary>Tells the escalation group and lets it decide the step, if the request still waits on that step.</summary>
    public Task<TimerResult> EscalateAsync(RequestId id, int step, CancellationToken ct) =>
        RunAsync(id, OutboxKinds.Escalate, new JsonObject { ["step"] = step }, reschedule: true,
            request =>
            {
                if (request.State != RequestState.Pending || request.CurrentStep != step || request.EscalatedStep == step) return null;
                var resource = engine.Policies.Current.FindResource(request.Resource);
                if (resource is null || step > resource.Steps.Count || resource.Steps[step - 1] is not { EscalateAfter: { } after }) return null;
                return new Plan("escalated_step = current_step", "step_started_at + @wait <= now()", "step_started_at + @wait", after);
            },
            async (tx, request) =>
            {
                var policy = engine.Policies.Current;
                var resource = policy.FindResource(request.Resource)!;
                var definition = resource.Steps[step - 1];
                await EngineServices.AuditAsync(tx, new AuditRecord(Actor.System("escalate"), "request.escalated", id, request.Resource,
                    new JsonObject { ["step"] = step, ["group"] = definition.Group, ["escalate_to"] = definition.EscalateTo }), ct);
                await engine.Announce(tx, policy).EscalatedAsync(id, resource, definition, ct);
            }, ct);

    /// <summary>Pending → TimedOut once the request waited longer than its resource's pending time-out.</summary>
    public Task<TimerResult> TimeOutAsync(RequestId id, bool reschedule, CancellationToken ct) =>
        RunAsync(id, OutboxKinds.TimeOut, null, reschedule,
            request =>
            {
                if (request.State != RequestState.Pending) return null;
                var policy = engine.Policies.Current;
                var timeout = policy.FindResource(request.Resource) is { } resource
                    ? RequestRules.PendingTimeout(policy, resource)
                    : policy.Defaults.PendingTimeout;
                return new Plan("state = 'timed_out', current_step = 0, closed_at = now(), closed_reason = 'timed_out'",
                    "created_at + @wait <= now()", "created_at + @wait", timeout);
            },
            async (tx, request) =>
            {
                var policy = engine.Policies.Current;
                await EngineServices.AuditAsync(tx, new AuditRecord(Actor.System("timeout"), "request.timed_out", id, request.Resource,
                    new JsonObject { ["step"] = request.CurrentStep }), ct);
                var announce = engine.Announce(tx, policy);
                await announce.ChangedAsync(id, policy.FindResource(request.Resource), ct);
                await announce.RequesterAsync(id, request.Requester.Email, ct);
            }, ct);

    /// <summary>Offers the requester an extension once per expiry; an extended grant is reminded again for its new expiry.</summary>
    public Task<TimerResult> RemindAsync(RequestId id, CancellationToken ct) =>
        RunAsync(id, OutboxKinds.Remind, null, reschedule: true,
            request =>
            {
                if (request.State != RequestState.Active) return null;
                var before = engine.Policies.Current.Defaults.RemindBefore;
                return before <= TimeSpan.Zero
                    ? null
                    : new Plan("reminded_for = expires_at",
                        "reminded_for is distinct from expires_at and expires_at - @wait <= now() and expires_at > now()",
                        "expires_at - @wait", before, SkipWhen: "reminded_for is not distinct from expires_at or expires_at <= now()");
            },
            async (tx, request) =>
            {
                await EngineServices.AuditAsync(tx, new AuditRecord(Actor.System("remind"), "grant.expiry_reminded", id, request.Resource,
                    new JsonObject { ["expires_at"] = request.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }), ct);
                await engine.Announce(tx, engine.Policies.Current).ExpiringSoonAsync(id, request.Requester.Email, ct);
            }, ct);

    /// <param name="Assignments">Constant SQL applied when due.</param>
    /// <param name="Due">Constant SQL condition that the database clock must satisfy; <c>@wait</c> is <paramref name="Wait"/>.</param>
    /// <param name="DueAt">Constant SQL for the instant it becomes due (used to reschedule an early run).</param>
    /// <param name="SkipWhen">Constant SQL: when true the timer is moot and is not rescheduled.</param>
    private sealed record Plan(string Assignments, string Due, string DueAt, TimeSpan Wait, string SkipWhen = "false");

    private async Task<TimerResult> RunAsync(
        RequestId id, string kind, JsonObject? payload, bool reschedule, Func<RequestRecord, Plan?> plan,
        Func<RequestTransaction, RequestRecord, Task> effects, CancellationToken ct)
    {
        for (var attempt = 0; attempt < EngineServices.MaxAttempts; attempt++)
        {
            if (await engine.LoadAsync(id, ct) is not { } request || plan(request) is not { } p) return TimerResult.NothingToDo;

            await using var tx = await engine.BeginAsync(ct);
            if (await tx.TryUpdateAsync(request, p.Assignments, b => b.AddWithValue("wait", p.Wait), ct, p.Due))
            {
                await effects(tx, request);
                await tx.CommitAsync(ct);
                Log.Transitioned(engine.Logger, id.Value, kind);
                return TimerResult.Done;
            }

            // Not updated: either the request changed (evaluate again) or it is not due yet (reschedule for the remainder).
            await using var check = tx.Command(
                $"select {p.DueAt}, ({p.SkipWhen}) from access_requests where id = @id and version = @version and state = @state");
            check.Parameters.AddWithValue("id", id.Value);
            check.Parameters.AddWithValue("version", request.Version);
            check.Parameters.AddWithValue("state", request.State.ToDb());
            check.Parameters.AddWithValue("wait", p.Wait);
            DateTimeOffset dueAt;
            await using (var reader = await check.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct)) continue;
                if (reader.GetBoolean(1)) return TimerResult.NothingToDo;
                dueAt = reader.GetFieldValue<DateTimeOffset>(0);
            }
            if (!reschedule) return TimerResult.NotDue;
            tx.Enqueue(new OutboxItem(kind, id, payload, RunAt: dueAt));
            await tx.CommitAsync(ct);
            Log.Rescheduled(engine.Logger, id.Value, kind);
            return TimerResult.NotDue;
        }
        throw new InvalidOperationException($"Request {id} kept changing; gave up after {EngineServices.MaxAttempts} attempts.");
    }
}

/// <summary>What a timer run did.</summary>
public enum TimerResult
{
    Done,
    NotDue,
    NothingToDo,
}
