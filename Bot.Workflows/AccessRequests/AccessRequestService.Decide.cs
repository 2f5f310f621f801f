using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;
using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

public sealed partial class AccessRequestService
{
    public async Task<DecisionOutcome> DecideAsync(DecideRequest command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        for (var attempt = 0; attempt < EngineServices.MaxAttempts; attempt++)
        {
            var policy = engine.Policies.Current;
            // The first attempt may start from the request as this process last committed it: the commit's conditional
            // update proves it current, and anything but a recorded decision is settled on a fresh read.
            var remembered = attempt == 0 ? engine.PendingRequests.Find(command.RequestId) : null;
            if ((remembered ?? await engine.LoadAsync(command.RequestId, ct)) is not { } request) return new DecisionOutcome.NotFound();
            if (!CanDecide(policy, request, command, out var resource, out var approver, out var unsettled))
            {
                if (remembered is not null) continue;
                return unsettled;
            }

            RequestRecord decided;
            await using (var tx = await engine.BeginAsync(ct))
            {
                if (!await ApplyDecisionAsync(tx, policy, resource, request, command, approver, ct)) continue;
                // An extension also changed its original and closed itself after the update, so it is read again; otherwise
                // the update's own row and the new approval are the request as committed.
                var committed = request.IsExtension
                    ? await tx.TryCommitAndReloadAsync(request.Id, ct)
                    : await tx.TryCommitAndReadRowAsync(r => AfterDecision(r, request, approver, command), ct);
                if (committed is null) continue;
                decided = committed;
            }
            engine.PendingRequests.Remember(decided);
            Log.Decided(engine.Logger, request.Id.Value, request.CurrentStep, command.Approve);
            return new DecisionOutcome.Recorded(decided.ToSnapshot(policy));
        }
        throw new InvalidOperationException($"Request {command.RequestId} kept changing; gave up after {EngineServices.MaxAttempts} attempts.");
    }

    /// <summary>
    /// The request as the decision's update returned it (<see cref="RequestReader.RequestColumns"/>, then the approval's
    /// time): its approvals are those of the record the decision was made on, which the update proved current, and the new
    /// one, last as the read orders them (by id).
    /// </summary>
    private static RequestRecord AfterDecision(NpgsqlDataReader row, RequestRecord request, Principal approver, DecideRequest command)
    {
        var actor = command.Approver;
        var approval = new ApprovalRecord(request.CurrentStep, approver, command.Approve, command.Comment?.Trim(), actor.Platform,
            actor.Permalink, row.GetFieldValue<DateTimeOffset>(RequestReader.RequestColumnCount));
        return RequestReader.MapRequest(row, request.Requester, [.. request.Approvals, approval]);
    }

    /// <summary>Whether <paramref name="request"/> can take this decision; when not, <paramref name="unsettled"/> says why.</summary>
    private static bool CanDecide(
        AccessPolicy policy, RequestRecord request, DecideRequest command, [NotNullWhen(true)] out ResourcePolicy? resource,
        [NotNullWhen(true)] out Principal? approver, [NotNullWhen(false)] out DecisionOutcome? unsettled)
    {
        resource = null;
        approver = command.Approver.Principal;
        unsettled = null;
        if (approver is null)
            unsettled = new DecisionOutcome.Refused(NoPerson(RefusedCommand.Decide), request.ToSnapshot(policy));
        else if (request.State != RequestState.Pending)
            unsettled = new DecisionOutcome.AlreadyClosed(request.ToSnapshot(policy));
        else if ((resource = policy.FindResource(request.Resource)) is null)
            unsettled = new DecisionOutcome.Refused(
                Refuse(Refusal.UnknownResource, About(RefusedCommand.Decide, request)), request.ToSnapshot(policy));
        else if (RequestRules.CheckApprover(policy, resource, request, approver) is { } refusal)
            unsettled = new DecisionOutcome.Refused(refusal, request.ToSnapshot(policy));
        return unsettled is null;
    }

    /// <summary>
    /// Inserts the decision in the same statement as its conditional update. The unique constraint settles a double click:
    /// the second insert finds the first and inserts nothing, so its update does not happen either.
    /// </summary>
    private const string DecisionInsert =
        """
        decision as (
            insert into approvals (request_id, step, approver_id, decision, comment, platform, permalink)
            values (@id, @step, @approver, @decision, @comment, @platform, @permalink)
            on conflict on constraint approvals_one_per_person do nothing
            returning at)
        """;

    // The decision's update returns the request's row and the approval's time (see AfterDecision).
    private static readonly (string Columns, string From) DecidedRow = (", decision.at", " cross join decision");

    /// <summary>
    /// The conditional update for one decision plus its audit and outbox rows; false when the request changed. The update
    /// goes with the commit (a lost race shows there) unless the request extends another: approving an extension locks and
    /// changes the original before the commit, which must come after this request's update.
    /// </summary>
    private async Task<bool> ApplyDecisionAsync(
        RequestTransaction tx, AccessPolicy policy, ResourcePolicy resource, RequestRecord request, DecideRequest command,
        Principal approver, CancellationToken ct)
    {
        var step = request.CurrentStep;
        var announce = engine.Announce(tx, policy);
        var actor = command.Approver;
        void Bind(NpgsqlParameterCollection p)
        {
            p.AddWithValue("step", step);
            p.AddWithValue("approver", approver.Id.Value);
            p.AddWithValue("decision", command.Approve ? "approve" : "deny");
            p.AddWithValue("comment", (object?)command.Comment?.Trim() ?? DBNull.Value);
            p.AddWithValue("platform", actor.Platform);
            p.AddWithValue("permalink", (object?)actor.Permalink ?? DBNull.Value);
        }
        const string Condition = "exists (select 1 from decision)";
        Task<bool> UpdateAsync(string assignments)
        {
            if (request.IsExtension) return tx.TryUpdateAsync(request, assignments, Bind, ct, Condition, DecisionInsert);
            tx.UpdateAtCommit(request, assignments, Bind, Condition, DecisionInsert, DecidedRow);
            return Task.FromResult(true);
        }

        if (!command.Approve)
        {
            if (!await UpdateAsync("state = 'denied', current_step = 0, decided_at = now(), closed_at = now(), closed_reason = 'denied'"))
                return false;
            await EngineServices.AuditAsync(tx, new AuditRecord(actor, "request.denied", request.Id, request.Resource,
                new JsonObject { ["step"] = step, ["comment"] = command.Comment ?? "" }), ct);
            await announce.ChangedAsync(request.Id, resource, ct);
            await announce.RequesterAsync(request.Id, request.Requester.Email, ct);
            return true;
        }

        // Every decision bumps the version, so a successful update proves no other approval landed since the read:
        // the count below is exact.
        var approvals = request.ApprovalsOnStep(step) + 1;
        var needed = Math.Max(1, resource.Steps[step - 1].ApprovalsNeeded);
        var stepDetails = new JsonObject { ["step"] = step, ["approvals"] = approvals, ["needed"] = needed, ["comment"] = command.Comment ?? "" };
        if (approvals < needed)
        {
            if (!await UpdateAsync("current_step = current_step")) return false;
            stepDetails["step_complete"] = false;
            await EngineServices.AuditAsync(tx, new AuditRecord(actor, "request.step_approved", request.Id, request.Resource, stepDetails), ct);
            await announce.ChangedAsync(request.Id, resource, ct);
            return true;
        }

        if (step < request.TotalSteps && step < resource.Steps.Count)
        {
            if (!await UpdateAsync("current_step = current_step + 1, step_started_at = now(), escalated_step = null")) return false;
            stepDetails["step_complete"] = true;
            stepDetails["next_step"] = step + 1;
            await EngineServices.AuditAsync(tx, new AuditRecord(actor, "request.step_approved", request.Id, request.Resource, stepDetails), ct);
            await announce.ChangedAsync(request.Id, resource, ct);
            await announce.ApprovalRequestedAsync(request.Id, resource, step + 1, ct);
            await ScheduleStepTimersAsync(tx, resource, request.Id, step + 1, ct);
            return true;
        }

        if (!await UpdateAsync("state = 'approved', current_step = 0, decided_at = now()")) return false;
        if (request.ExtendsRequestId is { } original) await tx.LockRequestAsync(original, ct);
        await EngineServices.AuditAsync(tx, new AuditRecord(actor, "request.approved", request.Id, request.Resource, stepDetails), ct);
        await announce.ChangedAsync(request.Id, resource, ct);
        // What comes next depends only on who asked for what, which an approval does not change: no re-read needed.
        await GrantTransitions.AfterApprovedAsync(engine, tx, policy, request, actor, ct);
        return true;
    }
}
