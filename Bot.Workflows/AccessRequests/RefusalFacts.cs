namespace AccessBot.Workflows.AccessRequests;

/// <summary>The command a refusal answers; wording may differ per command for the same <see cref="Refusal"/>.</summary>
public enum RefusedCommand
{
    Submit,
    Extend,
    BreakGlass,
    Decide,
    Cancel,
    Release,
    Revoke,
    ConfirmProvisioned,
    Retry,
}

/// <summary>
/// For <see cref="Refusal.NotAllowed"/>: which condition was not met. The reason alone does not say it, because several
/// commands share that reason.
/// </summary>
public enum RefusalCondition
{
    /// <summary>The actor is the system, not a person; only people may do this.</summary>
    NoPerson,
    /// <summary>The resource has no approval chain and its auto-approve rule does not cover the request.</summary>
    NoApprovalChain,
    /// <summary>Only an approver of the resource or a member of the admin group may do this.</summary>
    NotAdministrator,
    /// <summary>The request is not waiting for a person to confirm a manual grant.</summary>
    NotAwaitingManualGrant,
    /// <summary>Only a request whose provisioning failed can be retried.</summary>
    NotFailed,
}

/// <summary>
/// Typed facts about a refusal. Only the members that matter for the refusal are set; all values are raw (never
/// escaped or formatted), so each surface escapes and formats them for its own markup.
/// </summary>
/// <remarks>Guaranteed: no member holds a secret; <see cref="Resource"/> may be user-supplied (an unknown name typed by the user).</remarks>
public sealed record RefusalFacts(RefusedCommand Command)
{
    public RequestId? RequestId { get; init; }

    public string? Resource { get; init; }

    /// <summary>The request's state when it was refused.</summary>
    public RequestState? State { get; init; }

    /// <summary>The duration asked for.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The longest duration the rule allows.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>The approval step (1-based) the refusal is about.</summary>
    public int? Step { get; init; }

    /// <summary>How many requests the requester already has pending.</summary>
    public long? Pending { get; init; }

    /// <summary>The policy's cap on pending requests per requester.</summary>
    public int? PendingLimit { get; init; }

    public RefusalCondition? Condition { get; init; }
}
