using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// The engine's rules as pure functions of the policy and a request. Every command evaluates them inside its transaction;
/// no surface can skip them.
/// </summary>
public static class RequestRules
{
    /// <summary>Duration within the resource's maximum and a reason where required. Returns the effective duration.</summary>
    public static RefusalDetail? CheckSubmission(ResourcePolicy resource, TimeSpan? requested, string? reason, out TimeSpan duration)
    {
        duration = requested ?? resource.DefaultDuration;
        var facts = new RefusalFacts(RefusedCommand.Submit) { Resource = resource.Name, Duration = duration };
        if (duration <= TimeSpan.Zero)
            return new(Refusal.DurationInvalid, facts);
        if (duration > resource.MaxDuration)
            return new(Refusal.DurationTooLong, facts with { MaxDuration = resource.MaxDuration });
        if (resource.ReasonRequired && string.IsNullOrWhiteSpace(reason))
            return new(Refusal.ReasonRequired, facts);
        return null;
    }

    /// <summary>True when the resource's auto-approve rule covers this requester and duration.</summary>
    public static bool IsAutoApproved(AccessPolicy policy, ResourcePolicy resource, Principal requester, TimeSpan duration)
    {
        if (resource.AutoApprove is not { } rule) return false;
        if (duration > (rule.MaxDuration ?? resource.MaxDuration)) return false;
        return InAnyGroup(policy, rule.RequesterGroups, requester);
    }

    /// <summary>Break-glass is allowed only for the rule's groups, with a reason, within the rule's maximum.</summary>
    public static RefusalDetail? CheckBreakGlass(AccessPolicy policy, ResourcePolicy resource, Principal requester, TimeSpan? requested, string? reason, out TimeSpan duration)
    {
        duration = requested ?? TimeSpan.Zero;
        var facts = new RefusalFacts(RefusedCommand.BreakGlass) { Resource = resource.Name, Duration = requested };
        if (resource.BreakGlass is not { } rule || !InAnyGroup(policy, rule.RequesterGroups, requester))
            return new(Refusal.BreakGlassNotAllowed, facts);
        if (string.IsNullOrWhiteSpace(reason))
            return new(Refusal.ReasonRequired, facts);
        duration = requested ?? rule.MaxDuration;
        facts = facts with { Duration = duration };
        if (duration <= TimeSpan.Zero)
            return new(Refusal.DurationInvalid, facts);
        if (duration > rule.MaxDuration || duration > resource.MaxDuration)
            return new(Refusal.DurationTooLong,
                facts with { MaxDuration = TimeSpan.FromTicks(Math.Min(rule.MaxDuration.Ticks, resource.MaxDuration.Ticks)) });
        return null;
    }

    /// <summary>
    /// May <paramref name="approver"/> decide the current step of <paramref name="request"/>? Not the requester (compared as
    /// principals), a member of the step's group (or of its escalation group once escalated), and no earlier decision on
    /// this request.
    /// </summary>
    internal static RefusalDetail? CheckApprover(AccessPolicy policy, ResourcePolicy resource, RequestRecord request, Principal approver)
    {
        var facts = new RefusalFacts(RefusedCommand.Decide)
        {
            RequestId = request.Id, Resource = resource.Name, State = request.State, Step = request.CurrentStep,
        };
        if (approver.Id == request.Requester.Id || string.Equals(approver.Email, request.Requester.Email, StringComparison.OrdinalIgnoreCase))
            return new(Refusal.SelfApproval, facts);
        if (request.HasDecided(approver.Id))
            return new(Refusal.AlreadyDecidedByYou, facts);
        if (!MayDecideStep(policy, resource, request.CurrentStep, request.EscalatedStep == request.CurrentStep, approver))
            return new(Refusal.NotAnApprover, facts);
        return null;
    }

    /// <summary>Membership of step <paramref name="step"/> (1-based), including its escalation group once escalated.</summary>
    public static bool MayDecideStep(AccessPolicy policy, ResourcePolicy resource, int step, bool escalated, Principal person)
    {
        if (step < 1 || step > resource.Steps.Count) return false;
        var definition = resource.Steps[step - 1];
        if (InGroup(policy, definition.Group, person)) return true;
        return escalated && definition.EscalateTo is { } to && InGroup(policy, to, person);
    }

    /// <summary>An approver of any step (or escalation group) of the resource, or a member of the policy's admin group.</summary>
    public static bool MayAdminister(AccessPolicy policy, ResourcePolicy? resource, Principal person)
    {
        if (policy.AdminGroup is { } admin && InGroup(policy, admin, person)) return true;
        if (resource is null) return false;
        return resource.Steps.Any(s => InGroup(policy, s.Group, person) || (s.EscalateTo is { } to && InGroup(policy, to, person)));
    }

    public static bool InAnyGroup(AccessPolicy policy, IEnumerable<string> groups, Principal person) =>
        groups.Any(g => InGroup(policy, g, person));

    public static bool InGroup(AccessPolicy policy, string group, Principal person) =>
        policy.FindGroup(group)?.Contains(person) == true;

    /// <summary>How long a request of this resource may stay pending.</summary>
    public static TimeSpan PendingTimeout(AccessPolicy policy, ResourcePolicy resource) =>
        resource.PendingTimeout ?? policy.Defaults.PendingTimeout;

    /// <summary>The named channel where the resource's approvals are posted.</summary>
    public static string ApprovalChannel(ResourcePolicy? resource) => resource?.ApprovalChannel ?? ChannelPolicy.Approvals;
}
