using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// The engine's command side on PostgreSQL. Every command is one transaction: authorise, one conditional UPDATE on
/// (id, version, state), the audit event, the outbox rows. A lost race re-reads the request and evaluates again.
/// </summary>
public sealed partial class AccessRequestService(EngineServices engine) : IAccessRequestService
{
    private static RefusalDetail Refuse(Refusal reason, RefusalFacts facts) => new(reason, facts);

    /// <summary>The facts every request-bound refusal carries: which request, of what, in which state.</summary>
    private static RefusalFacts About(RefusedCommand command, RequestRecord request) =>
        new(command) { RequestId = request.Id, Resource = request.Resource, State = request.State };

    private static RefusalDetail NotAllowed(RefusedCommand command, RequestRecord request, RefusalCondition condition) =>
        new(Refusal.NotAllowed, About(command, request) with { Condition = condition });

    private static SubmitOutcome SubmitRefused(Refusal reason, RefusalFacts facts) => new SubmitOutcome.Refused(new(reason, facts));

    private static RefusalDetail NoPerson(RefusedCommand command) =>
        new(Refusal.NotAllowed, new RefusalFacts(command) { Condition = RefusalCondition.NoPerson });

    /// <summary>
    /// Runs a close-style command (cancel, release, revoke, confirm): read, authorise, apply in one transaction, retry when
    /// the conditional update lost to a concurrent change.
    /// </summary>
    /// <param name="apply">Does the conditional update and its audit and outbox rows; false when the update lost the race.</param>
    private async Task<CommandOutcome> RunAsync(
        RequestId id,
        Func<AccessPolicy, RequestRecord, RefusalDetail?> authorise,
        Func<RequestTransaction, AccessPolicy, RequestRecord, Task<bool>> apply,
        CancellationToken ct)
    {
        for (var attempt = 0; attempt < EngineServices.MaxAttempts; attempt++)
        {
            var policy = engine.Policies.Current;
            if (await engine.LoadAsync(id, ct) is not { } request) return new CommandOutcome.NotFound();
            if (authorise(policy, request) is { } refusal) return new CommandOutcome.Refused(refusal, request.ToSnapshot(policy));

            RequestRecord done;
            await using (var tx = await engine.BeginAsync(ct))
            {
                if (!await apply(tx, policy, request)) continue;
                done = await tx.CommitAndReloadAsync(id, ct);
            }
            return new CommandOutcome.Done(done.ToSnapshot(policy));
        }
        throw new InvalidOperationException($"Request {id} kept changing; gave up after {EngineServices.MaxAttempts} attempts.");
    }

    private static bool IsRequester(RequestRecord request, Principal person) =>
        request.Requester.Id == person.Id || string.Equals(request.Requester.Email, person.Email, StringComparison.OrdinalIgnoreCase);

}
