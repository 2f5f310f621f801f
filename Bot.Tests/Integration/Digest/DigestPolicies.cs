using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Integration.Digest;

/// <summary>Policies for digest and alert tests, built from the policy records.</summary>
internal static class DigestPolicies
{
    public static readonly BusinessHours OfficeHours = new(
        "Europe/Berlin",
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        new TimeOnly(9, 0), new TimeOnly(18, 0));

    public static AccessPolicy Build(IEnumerable<ResourcePolicy> resources, IEnumerable<GroupPolicy> groups,
        string timeZone = "Europe/Berlin") => new(
        Version: "test",
        SourcePath: "test.yaml",
        Resources: resources.ToDictionary(r => r.Name),
        Groups: groups.ToDictionary(g => g.Name),
        Channels: new Dictionary<string, ChannelPolicy>
        {
            [ChannelPolicy.Security] = new(
                ChannelPolicy.Security, new Dictionary<string, string> { ["chat-a"] = "C-SEC", ["chat-b"] = "19:sec" }),
            [ChannelPolicy.Approvals] = new(ChannelPolicy.Approvals, new Dictionary<string, string> { ["chat-a"] = "C-APP" }),
        },
        Defaults: new PolicyDefaults(TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), 5),
        Digest: new DigestSchedule("0 9 * * MON", timeZone, ChannelPolicy.Security),
        BusinessHours: OfficeHours,
        AdminGroup: null);

    public static ResourcePolicy Resource(string name, Sensitivity sensitivity, IReadOnlyList<ApprovalStep> steps) => new(
        name, $"{name} access", TimeSpan.FromHours(1), TimeSpan.FromDays(8), ReasonRequired: true, steps,
        AutoApprove: null, BreakGlass: null, sensitivity, new ProvisionerSpec("manual", new Dictionary<string, string>()),
        ApprovalChannel: null, PendingTimeout: null);

    public static GroupPolicy Group(string name, params string[] emails) =>
        new(name, [.. emails.Select(e => new MemberRef(MemberKind.Email, e))]);
}
