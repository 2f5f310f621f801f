using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>One <c>access_requests</c> row with its requester and approvals, read in a single statement (one snapshot).</summary>
internal sealed record RequestRecord(
    RequestId Id,
    Principal Requester,
    string Resource,
    TimeSpan Duration,
    string Reason,
    RequestState State,
    int CurrentStep,
    int TotalSteps,
    DateTimeOffset? StepStartedAt,
    bool BreakGlass,
    bool AutoApproved,
    string PolicyVersion,
    RequestOrigin Origin,
    RequestId? ExtendsRequestId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? GrantedAt,
    DateTimeOffset? ExpiresAt,
    string? ClosedReason,
    long Version,
    int? EscalatedStep,
    DateTimeOffset? AwaitingHumanSince,
    IReadOnlyList<ApprovalRecord> Approvals)
{
    /// <summary>
    /// False for a record read without its approvals (a job's read that decides on state, version and times only):
    /// <see cref="Approvals"/> is then empty whatever was decided, so anything that counts or shows them refuses it.
    /// </summary>
    public bool ApprovalsRead { get; init; } = true;

    public int ApprovalsOnStep(int step) => KnownApprovals.Count(a => a.Step == step && a.Approved);

    public bool HasDecided(PrincipalId person) => KnownApprovals.Any(a => a.Approver.Id == person);

    private IReadOnlyList<ApprovalRecord> KnownApprovals => ApprovalsRead
        ? Approvals
        : throw new InvalidOperationException($"Request {Id} was read without its approvals.");

    public bool IsExtension => ExtendsRequestId is not null;

    public RequestSnapshot ToSnapshot(AccessPolicy policy)
    {
        var resource = policy.FindResource(Resource);
        string? stepGroup = null;
        if (State == RequestState.Pending && resource is not null && CurrentStep >= 1 && CurrentStep <= resource.Steps.Count)
            stepGroup = resource.Steps[CurrentStep - 1].Group;
        return new RequestSnapshot(
            Id, Requester, Resource, Duration, Reason, State, CurrentStep, TotalSteps, stepGroup, BreakGlass, AutoApproved,
            resource?.Sensitivity ?? Sensitivity.High, PolicyVersion, Origin, CreatedAt, DecidedAt, GrantedAt, ExpiresAt,
            ClosedReason, Version, KnownApprovals);
    }
}
