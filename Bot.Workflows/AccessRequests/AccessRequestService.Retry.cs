using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Outbox;

namespace AccessBot.Workflows.AccessRequests;

public sealed partial class AccessRequestService
{
    /// <summary>
    /// Failed → Approved with a fresh provisioning attempt count and a provision outbox row, audited <c>request.retried</c>.
    /// Only for a request that failed (the engine fails a request only when provisioning failed), by an approver of the
    /// resource or an admin, and only while the resource is still in the policy. The approvals stand: the access asked for
    /// is the same, only the target's refusal is being retried.
    /// </summary>
    public Task<CommandOutcome> RetryAsync(RequestId id, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RunAsync(id,
            (policy, request) =>
                actor.Principal is not { } person ? NoPerson(RefusedCommand.Retry)
                : !RequestRules.MayAdminister(policy, policy.FindResource(request.Resource), person)
                    ? NotAllowed(RefusedCommand.Retry, request, RefusalCondition.NotAdministrator)
                : request.State != RequestState.Failed
                    ? NotAllowed(RefusedCommand.Retry, request, RefusalCondition.NotFailed)
                : policy.FindResource(request.Resource) is null
                    ? Refuse(Refusal.UnknownResource, About(RefusedCommand.Retry, request))
                : null,
            async (tx, policy, request) =>
            {
                if (!await tx.TryUpdateAsync(request,
                        "state = 'approved', closed_at = null, closed_reason = null, provision_attempts = 0, awaiting_human_since = null",
                        null, ct))
                    return false;
                await EngineServices.AuditAsync(tx, new AuditRecord(actor, "request.retried", id, request.Resource,
                    new JsonObject { ["failed_reason"] = request.ClosedReason }), ct);
                tx.Enqueue(new OutboxItem(OutboxKinds.Provision, id));
                var announce = engine.Announce(tx, policy);
                await announce.ChangedAsync(id, policy.FindResource(request.Resource), ct);
                await announce.RequesterAsync(id, request.Requester.Email, ct);
                return true;
            }, ct);
    }
}
