namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// The commands people issue, from any surface (chat, CLI). Every call is one database transaction that authorises the
/// actor, changes the state with optimistic concurrency, appends the audit event and writes the follow-up work to the
/// outbox. Expected refusals are outcomes, not exceptions; an exception means a bug or an infrastructure failure.
/// </summary>
public interface IAccessRequestService
{
    /// <summary>File a request. Auto-approve rules may approve it at once.</summary>
    Task<SubmitOutcome> SubmitAsync(SubmitRequest command, CancellationToken ct);

    /// <summary>Emergency access where the policy allows it: granted at once, loudly announced, review opened.</summary>
    Task<SubmitOutcome> BreakGlassAsync(SubmitRequest command, CancellationToken ct);

    /// <summary>Approve or deny the current step.</summary>
    Task<DecisionOutcome> DecideAsync(DecideRequest command, CancellationToken ct);

    /// <summary>The requester withdraws a pending request.</summary>
    Task<CommandOutcome> CancelAsync(RequestId id, Identity.Actor actor, CancellationToken ct);

    /// <summary>The requester is done early: the grant is revoked now.</summary>
    Task<CommandOutcome> ReleaseAsync(RequestId id, Identity.Actor actor, CancellationToken ct);

    /// <summary>An approver of the resource or an admin ends an active grant (or a pending request).</summary>
    Task<CommandOutcome> RevokeAsync(RequestId id, Identity.Actor actor, string? reason, CancellationToken ct);

    /// <summary>
    /// An approver of the resource or an admin (never the requester) confirms that a manual grant was made: Approved → Active,
    /// and the access clock starts now.
    /// </summary>
    Task<CommandOutcome> ConfirmProvisionedAsync(RequestId id, Identity.Actor actor, CancellationToken ct);

    /// <summary>
    /// An approver of the resource or an admin retries a request whose provisioning failed: Failed → Approved and the
    /// provisioning runs again. Refused for any other state.
    /// </summary>
    Task<CommandOutcome> RetryAsync(RequestId id, Identity.Actor actor, CancellationToken ct);

    /// <summary>Ask for more time on an active grant: a new request that goes through approval per policy.</summary>
    Task<SubmitOutcome> ExtendAsync(ExtendRequest command, CancellationToken ct);
}

/// <param name="Duration">Null takes the resource's default duration.</param>
public sealed record SubmitRequest(Identity.Actor Requester, string Resource, TimeSpan? Duration, string? Reason, RequestOrigin Origin);

public sealed record DecideRequest(RequestId RequestId, Identity.Actor Approver, bool Approve, string? Comment);

public sealed record ExtendRequest(RequestId RequestId, Identity.Actor Requester, TimeSpan Duration, string? Reason, RequestOrigin Origin);
