using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.AccessRequests;

public sealed partial class AccessRequestService
{
    public Task<CommandOutcome> CancelAsync(RequestId id, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RunAsync(id,
            (_, request) =>
                actor.Principal is not { } person ? NoPerson(RefusedCommand.Cancel)
                : !IsRequester(request, person) ? Refuse(Refusal.NotRequester, About(RefusedCommand.Cancel, request))
                : request.State != RequestState.Pending ? Refuse(Refusal.NotPending, About(RefusedCommand.Cancel, request))
                : null,
            async (tx, policy, request) =>
            {
                if (!await tx.TryUpdateAsync(request,
                        "state = 'cancelled', current_step = 0, closed_at = now(), closed_reason = 'cancelled'", null, ct))
                    return false;
                await EngineServices.AuditAsync(tx, new AuditRecord(actor, "request.cancelled", id, request.Resource,
                    new JsonObject { ["step"] = request.CurrentStep }), ct);
                var announce = engine.Announce(tx, policy);
                await announce.ChangedAsync(id, policy.FindResource(request.Resource), ct);
                await announce.RequesterAsync(id, request.Requester.Email, ct);
                return true;
            }, ct);
    }

    public Task<CommandOutcome> ReleaseAsync(RequestId id, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RunAsync(id,
            (_, request) =>
                actor.Principal is not { } person ? NoPerson(RefusedCommand.Release)
                : !IsRequester(request, person) ? Refuse(Refusal.NotRequester, About(RefusedCommand.Release, request))
                : request.State != RequestState.Active ? Refuse(Refusal.NotActive, About(RefusedCommand.Release, request))
                : null,
            (tx, policy, request) => EndGrantAsync(tx, policy, request, actor, "released", "grant.released", ct), ct);
    }

    public Task<CommandOutcome> RevokeAsync(RequestId id, Actor actor, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var why = string.IsNullOrWhiteSpace(reason) ? "revoked" : reason.Trim();
        return RunAsync(id,
            (policy, request) =>
                actor.Principal is not { } person ? NoPerson(RefusedCommand.Revoke)
                : !RequestRules.MayAdminister(policy, policy.FindResource(request.Resource), person)
                    ? NotAllowed(RefusedCommand.Revoke, request, RefusalCondition.NotAdministrator)
                : request.State is not (RequestState.Active or RequestState.Pending or RequestState.Approved)
                    ? Refuse(Refusal.NotActive, About(RefusedCommand.Revoke, request))
                : null,
            async (tx, policy, request) =>
            {
                if (request.State == RequestState.Active)
                    return await EndGrantAsync(tx, policy, request, actor, why, "grant.revoked", ct);
                if (!await tx.TryUpdateAsync(request,
                        "state = 'revoked', current_step = 0, closed_at = now(), closed_reason = @reason, awaiting_human_since = null",
                        p => p.AddWithValue("reason", why), ct))
                    return false;
                await EngineServices.AuditAsync(tx, new AuditRecord(actor, "request.revoked", id, request.Resource,
                    new JsonObject { ["reason"] = why, ["previous_state"] = request.State.ToDb() }), ct);
                var announce = engine.Announce(tx, policy);
                await announce.ChangedAsync(id, policy.FindResource(request.Resource), ct);
                await announce.RequesterAsync(id, request.Requester.Email, ct);
                if (request.AwaitingHumanSince is not null)
                    await announce.ManualActionAsync(id, policy.FindResource(request.Resource),
                        new ManualTask(ManualStep.DoNotGrant, id.Value, request.Resource, request.Requester.Email), ct);
                return true;
            }, ct);
    }

    /// <summary>
    /// An operator confirms that a manual grant was made in the target: Approved → Active, and the access clock starts now.
    /// Only an approver of the resource or an admin, never the requester.
    /// </summary>
    public Task<CommandOutcome> ConfirmProvisionedAsync(RequestId id, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RunAsync(id,
            (policy, request) =>
                actor.Principal is not { } person ? NoPerson(RefusedCommand.ConfirmProvisioned)
                : IsRequester(request, person) ? Refuse(Refusal.SelfApproval, About(RefusedCommand.ConfirmProvisioned, request))
                : !RequestRules.MayAdminister(policy, policy.FindResource(request.Resource), person)
                    ? NotAllowed(RefusedCommand.ConfirmProvisioned, request, RefusalCondition.NotAdministrator)
                : request.State != RequestState.Approved || request.AwaitingHumanSince is null
                    ? NotAllowed(RefusedCommand.ConfirmProvisioned, request, RefusalCondition.NotAwaitingManualGrant)
                : null,
            (tx, policy, request) => GrantTransitions.ActivateAsync(engine, tx, policy, request,
                policy.FindResource(request.Resource)?.Provisioner.Kind ?? "manual", actor,
                new JsonObject { ["confirmed_by_person"] = true }, ct), ct);
    }

    /// <summary>Active → Revoked now; the target is cleaned up by the deprovision job written in the same transaction.</summary>
    private async Task<bool> EndGrantAsync(
        RequestTransaction tx, AccessPolicy policy, RequestRecord request, Actor actor, string reason, string action, CancellationToken ct)
    {
        if (!await tx.TryUpdateAsync(request, "state = 'revoked', closed_at = now(), closed_reason = @reason",
                p => p.AddWithValue("reason", reason), ct))
            return false;
        await tx.Command("update grants set revoked_at = now(), revoke_reason = @reason where request_id = @id and revoked_at is null")
            .WithParameters(("reason", reason), ("id", request.Id.Value)).ExecuteAndDisposeAsync(ct);
        await EngineServices.AuditAsync(tx, new AuditRecord(actor, action, request.Id, request.Resource,
            new JsonObject { ["reason"] = reason, ["expires_at_was"] = request.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }), ct);
        tx.Enqueue(new OutboxItem(OutboxKinds.Deprovision, request.Id));
        var announce = engine.Announce(tx, policy);
        await announce.ChangedAsync(request.Id, policy.FindResource(request.Resource), ct);
        await announce.RequesterAsync(request.Id, request.Requester.Email, ct);
        return true;
    }
}
