using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Adapters.Slack;

/// <summary>Builders for the engine records the Slack adapter renders.</summary>
internal static class SlackSamples
{
    public static readonly Principal Alice = new(new PrincipalId(Guid.Parse("00000000-0000-0000-0000-00000000a11c")), "alice@example.com", "Alice", "U0ALICE");
    public static readonly Principal Bob = new(new PrincipalId(Guid.Parse("00000000-0000-0000-0000-000000000b0b")), "bob@example.com", "Bob", "U0BOB");

    public static AccessPolicy Policy() => new(
        "abc123",
        "accessbot.yaml",
        new Dictionary<string, ResourcePolicy>
        {
            ["prod-db"] = Resource("prod-db", "Production database", reasonRequired: true, "db-approvals"),
            ["staging-db"] = Resource("staging-db", "Staging database", reasonRequired: false, null),
        },
        new Dictionary<string, GroupPolicy>(),
        new Dictionary<string, ChannelPolicy>
        {
            ["db-approvals"] = new("db-approvals", new Dictionary<string, string> { ["slack"] = "C0DBAPPROVALS", ["teams"] = "19:x" }),
            ["approvals"] = new("approvals", new Dictionary<string, string> { ["teams"] = "19:y" }),
        },
        new PolicyDefaults(TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), 5),
        new DigestSchedule("0 9 * * 1", "UTC", "security"),
        new BusinessHours("UTC", new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
            new TimeOnly(8, 0), new TimeOnly(18, 0)),
        null);

    public static RequestSnapshot Request(long id = 812, string reason = "migrate orders", RequestState state = RequestState.Pending,
        IReadOnlyList<ApprovalRecord>? approvals = null, long version = 1, DateTimeOffset? createdAt = null) => new(
        new RequestId(id),
        Alice,
        "prod-db",
        TimeSpan.FromHours(4),
        reason,
        state,
        state == RequestState.Pending ? 1 : 0,
        2,
        state == RequestState.Pending ? "db-owners" : null,
        false,
        false,
        Sensitivity.High,
        "abc123",
        new RequestOrigin("slack", "C0ORIGIN", null),
        createdAt ?? new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero),
        state == RequestState.Pending ? null : new DateTimeOffset(2026, 3, 3, 10, 5, 0, TimeSpan.Zero),
        null,
        state == RequestState.Active ? new DateTimeOffset(2026, 3, 3, 14, 5, 0, TimeSpan.Zero) : null,
        null,
        version,
        approvals ?? []);

    private static ResourcePolicy Resource(string name, string description, bool reasonRequired, string? channel) => new(
        name, description, TimeSpan.FromHours(1), TimeSpan.FromHours(8), reasonRequired,
        [new ApprovalStep("db-owners", 1, null, null)], null, null, Sensitivity.High,
        new ProvisionerSpec("manual", new Dictionary<string, string>()), channel, null);
}
