namespace AccessBot.Workflows.Digest;

/// <summary>
/// Everything the weekly digest reports for one <see cref="DigestPeriod"/>, computed by SQL aggregates. Lists are capped
/// (see <see cref="DigestList"/>); counts are never capped. Strings are raw (user-supplied where they name people or
/// carry comments): the renderer escapes them for the target platform.
/// </summary>
/// <param name="AsOf">When the figures were read; "active now" and the dormant-approver window refer to it and the period end.</param>
public sealed record WeeklyDigest(
    DigestPeriod Period,
    DateTimeOffset AsOf,
    RequestSummary Requests,
    IReadOnlyList<ResourceLine> Resources,
    IReadOnlyList<PersonCount> TopRequesters,
    IReadOnlyList<ApproverLine> Approvers,
    DecisionLatency FirstDecision,
    int Escalations,
    DigestList TimedOut,
    DigestList Denials,
    DigestList SelfApprovalAttempts,
    int NotAnApproverAttempts,
    DigestList OffHoursGrants,
    DigestList SensitiveFastPathGrants,
    DigestList LongestGrants,
    DigestList ActiveGrants,
    int OverdueGrants,
    DigestList ReconcileRevocations,
    IReadOnlyList<DormantApprover> DormantApprovers,
    AuditChainSummary AuditChain)
{
    /// <summary>Items the security team must look at: anything here makes the digest say so at the top.</summary>
    public int AttentionCount =>
        ReconcileRevocations.Total + OverdueGrants + SelfApprovalAttempts.Total + SensitiveFastPathGrants.Total
        + (AuditChain.Status == AuditChainStatus.Broken ? 1 : 0);
}

/// <summary>Requests filed in the period, by the state they are in now.</summary>
public sealed record RequestSummary(int Submitted, IReadOnlyList<OutcomeCount> ByOutcome);

/// <summary>How many of the period's requests are in one state (the database spelling, e.g. <c>timed_out</c>).</summary>
public sealed record OutcomeCount(string Outcome, int Count);

/// <summary>Requests filed in the period for one resource; <see cref="Granted"/> counts those that got a grant.</summary>
public sealed record ResourceLine(string Resource, int Submitted, int Granted, int Denied);

/// <summary>A person and how many requests they filed in the period.</summary>
public sealed record PersonCount(string Name, string Email, int Count);

/// <summary>Decisions one approver made in the period.</summary>
public sealed record ApproverLine(string Name, string Email, int Approved, int Denied);

/// <summary>Time from filing to the first human decision, for requests whose first decision fell in the period.</summary>
public sealed record DecisionLatency(int Decided, TimeSpan? Median, TimeSpan? P90);

/// <summary>The first <see cref="Items"/> of <see cref="Total"/> matching rows.</summary>
public sealed record DigestList(int Total, IReadOnlyList<DigestItem> Items)
{
    public static DigestList Empty { get; } = new(0, []);

    public bool Truncated => Total > Items.Count;
}

/// <summary>
/// One notable row. <see cref="Person"/> is whom it concerns (requester or grantee), <see cref="Actor"/> who acted
/// (approver, the person refused); <see cref="Duration"/> is the grant's length or a delay, depending on the list.
/// </summary>
/// <param name="Permalink">The chat message it came from (approval click or original request); null when unknown.</param>
public sealed record DigestItem(
    long? RequestId,
    string? Resource,
    string? Person,
    string? Actor,
    DateTimeOffset At,
    TimeSpan? Duration,
    string? Note,
    string? Permalink);

/// <summary>Someone with standing approver rights who made no decision in the dormancy window.</summary>
/// <param name="Name">Display name, or the policy's member entry when the person never used the bot.</param>
/// <param name="LastDecisionAt">Their last decision before the period ended; null when never.</param>
public sealed record DormantApprover(string Name, string? Email, DateTimeOffset? LastDecisionAt, IReadOnlyList<string> Groups);

/// <summary>Outcome of verifying the audit chain for the digest.</summary>
public enum AuditChainStatus
{
    NotChecked,
    Intact,
    Broken,
}

/// <summary>What the digest says about the audit log's integrity.</summary>
/// <param name="LastSeq">The last audit event of the period (the chain was verified up to it); null when the log is empty.</param>
/// <param name="Detail">The verifier's message (first broken row, or why it was not checked).</param>
public sealed record AuditChainSummary(AuditChainStatus Status, long? LastSeq, string? Detail);
