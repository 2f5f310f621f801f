namespace AccessBot.Workflows.Policy;

/// <summary>A resource people can ask for, and the rules for granting it.</summary>
/// <param name="Name">Key in the policy file (e.g. <c>prod-db</c>).</param>
/// <param name="Steps">The approval chain, in order. Empty only when every request is auto-approved.</param>
/// <param name="AutoApprove">Rules under which a request skips the chain; null when never.</param>
/// <param name="BreakGlass">Whether and how the emergency path is allowed; null when it is not.</param>
/// <param name="ApprovalChannel">Name of an entry in <see cref="AccessPolicy.Channels"/>; null uses the "approvals" channel.</param>
/// <param name="PendingTimeout">Overrides <see cref="PolicyDefaults.PendingTimeout"/> for this resource.</param>
public sealed record ResourcePolicy(
    string Name,
    string Description,
    TimeSpan DefaultDuration,
    TimeSpan MaxDuration,
    bool ReasonRequired,
    IReadOnlyList<ApprovalStep> Steps,
    AutoApproveRule? AutoApprove,
    BreakGlassRule? BreakGlass,
    Sensitivity Sensitivity,
    ProvisionerSpec Provisioner,
    string? ApprovalChannel,
    TimeSpan? PendingTimeout);

/// <summary>One step of an approval chain.</summary>
/// <param name="Group">The group whose members may approve this step.</param>
/// <param name="ApprovalsNeeded">Distinct approvers needed before the chain moves on (≥ 1).</param>
/// <param name="EscalateAfter">How long the step may wait before the escalation group is told; null never escalates.</param>
/// <param name="EscalateTo">The group told on escalation; its members may then approve the step as well.</param>
public sealed record ApprovalStep(string Group, int ApprovalsNeeded, TimeSpan? EscalateAfter, string? EscalateTo);

/// <summary>A request is approved without a human when the requester is in one of the groups and the duration fits.</summary>
public sealed record AutoApproveRule(IReadOnlyList<string> RequesterGroups, TimeSpan? MaxDuration);

/// <summary>The loud emergency path: allowed for these groups, with a short maximum, always with a reason.</summary>
public sealed record BreakGlassRule(IReadOnlyList<string> RequesterGroups, TimeSpan MaxDuration);

public enum Sensitivity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Which provisioner grants the resource and with what settings (role name, target, url…).</summary>
public sealed record ProvisionerSpec(string Kind, IReadOnlyDictionary<string, string> Settings);
