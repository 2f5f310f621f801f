using AccessBot.Adapters.Rendering;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Adapters.Teams;

/// <summary>Request snapshots and policies for Teams adapter tests.</summary>
internal static class TeamsTestRequests
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Principal Alice { get; } = new(new PrincipalId(Guid.Parse("00000000-0000-0000-0000-00000000a11c")), "alice@example.com", "Alice",
        TeamsAadObjectId: "aaaaaaaa-0000-0000-0000-000000000001");

    public static Principal Bob { get; } = new(new PrincipalId(Guid.Parse("00000000-0000-0000-0000-000000000b0b")), "bob@example.com", "Bob",
        TeamsAadObjectId: "bbbbbbbb-0000-0000-0000-000000000002");

    /// <summary>A db-owners member (so the refresh lists her) whom the engine does not let decide in the refresh tests.</summary>
    public static Principal Carol { get; } = new(new PrincipalId(Guid.Parse("00000000-0000-0000-0000-00000000ca01")), "carol@example.com", "Carol",
        TeamsAadObjectId: "cccccccc-0000-0000-0000-000000000003");

    public static RequestSnapshot Pending(long id = 42, string reason = "rotate keys", Principal? requester = null) => new(
        new RequestId(id), requester ?? Alice, "prod-db", TimeSpan.FromHours(4), reason, RequestState.Pending, 1, 2, "db-owners",
        false, false, Sensitivity.High, "abc123", new RequestOrigin("teams", null, null), Now, null, null, null, null, 1, []);

    public static RequestSnapshot Approved(RequestSnapshot pending, Principal approver, string? comment = null) => pending with
    {
        State = RequestState.Active,
        CurrentStep = 0,
        GrantedAt = Now,
        ExpiresAt = Now.AddHours(4),
        Approvals = [new ApprovalRecord(1, approver, true, comment, "teams", null, Now)],
    };

    public static TemplateRenderer Templates() => new(Options.Create(new TemplateOptions()));

    public static AccessPolicy Policy() => new(
        "abc123", "accessbot.yaml",
        new Dictionary<string, ResourcePolicy>
        {
            ["prod-db"] = new("prod-db", "Production database", TimeSpan.FromHours(1), TimeSpan.FromHours(8), true,
                [new ApprovalStep("db-owners", 1, null, null)], null, null, Sensitivity.High, new ProvisionerSpec("manual", new Dictionary<string, string>()), null, null),
        },
        new Dictionary<string, GroupPolicy>
        {
            ["db-owners"] = new("db-owners", [new MemberRef(MemberKind.Email, "bob@example.com"), new MemberRef(MemberKind.Email, "carol@example.com")]),
        },
        new Dictionary<string, ChannelPolicy>
        {
            ["approvals"] = new("approvals", new Dictionary<string, string> { ["teams"] = TeamsTestActivities.ApprovalChannel }),
        },
        new PolicyDefaults(TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), 5),
        new DigestSchedule("0 9 * * 1", "UTC", "security"),
        new BusinessHours("UTC", new HashSet<DayOfWeek> { DayOfWeek.Monday }, new TimeOnly(9, 0), new TimeOnly(17, 0)),
        null);
}
