using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>A request as it is now, with its approvals and grant: what adapters render and what <c>request show</c> prints.</summary>
public sealed record RequestSnapshot(
    RequestId Id,
    Principal Requester,
    string Resource,
    TimeSpan Duration,
    string Reason,
    RequestState State,
    int CurrentStep,
    int TotalSteps,
    string? CurrentStepGroup,
    bool BreakGlass,
    bool AutoApproved,
    Sensitivity Sensitivity,
    string PolicyVersion,
    RequestOrigin Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? GrantedAt,
    DateTimeOffset? ExpiresAt,
    string? ClosedReason,
    long Version,
    IReadOnlyList<ApprovalRecord> Approvals);

/// <summary>Where a request was filed: platform, channel and the chat permalink (all opaque to the engine).</summary>
public sealed record RequestOrigin(string Platform, string? Channel, string? Permalink);

/// <summary>One decision on one step.</summary>
public sealed record ApprovalRecord(
    int Step,
    Principal Approver,
    bool Approved,
    string? Comment,
    string Platform,
    string? Permalink,
    DateTimeOffset At);
