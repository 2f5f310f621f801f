using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Workflows;

public sealed class RequestRulesTests
{
    private static readonly Principal Alice = Person("alice@example.com");
    private static readonly Principal Bob = Person("bob@example.com", slack: "UBOB");
    private static readonly Principal Erin = Person("erin@example.com", aad: "E1-AAD");

    private static readonly AccessPolicy Policy = new PolicyBuilder()
        .Group("owners", "UBOB")
        .Group("leads", "aad:e1-aad")
        .Group("oncall", "alice@EXAMPLE.com")
        .Group("admins", "admin@example.com")
        .Admins("admins")
        .Resource("db", r => r.Step("owners", escalateAfter: TimeSpan.FromMinutes(5), escalateTo: "leads")
            .Durations(TimeSpan.FromHours(1), TimeSpan.FromHours(4)).ReasonRequired()
            .AutoApprove(TimeSpan.FromMinutes(30), "oncall").BreakGlass(TimeSpan.FromHours(1), "oncall"))
        .Build();

    private static ResourcePolicy Db => Policy.Resources["db"];

    private static Principal Person(string email, string? slack = null, string? aad = null) =>
        new(new PrincipalId(Guid.NewGuid()), email, email, slack, aad);

    [Theory]
    [InlineData(60, "why", null)]
    [InlineData(240, "why", null)]
    [InlineData(241, "why", Refusal.DurationTooLong)]
    [InlineData(0, "why", Refusal.DurationInvalid)]
    [InlineData(60, " ", Refusal.ReasonRequired)]
    public void Submission_checks_duration_and_reason(int minutes, string reason, Refusal? expected)
    {
        var refusal = RequestRules.CheckSubmission(Db, TimeSpan.FromMinutes(minutes), reason, out _);

        Assert.Equal(expected, refusal?.Reason);
    }

    [Fact]
    public void Missing_duration_takes_the_resource_default()
    {
        Assert.Null(RequestRules.CheckSubmission(Db, null, "why", out var duration));
        Assert.Equal(TimeSpan.FromHours(1), duration);
    }

    [Fact]
    public void Auto_approve_needs_group_membership_and_a_duration_within_the_rule()
    {
        Assert.True(RequestRules.IsAutoApproved(Policy, Db, Alice, TimeSpan.FromMinutes(30)));
        Assert.False(RequestRules.IsAutoApproved(Policy, Db, Alice, TimeSpan.FromMinutes(31)));
        Assert.False(RequestRules.IsAutoApproved(Policy, Db, Bob, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Step_membership_matches_platform_ids_and_the_escalation_group_only_after_escalation()
    {
        Assert.True(RequestRules.MayDecideStep(Policy, Db, 1, escalated: false, Bob));
        Assert.False(RequestRules.MayDecideStep(Policy, Db, 1, escalated: false, Erin));
        Assert.True(RequestRules.MayDecideStep(Policy, Db, 1, escalated: true, Erin));
        Assert.False(RequestRules.MayDecideStep(Policy, Db, 2, escalated: true, Bob));
    }

    [Fact]
    public void Administration_is_for_approvers_of_the_resource_and_the_admin_group()
    {
        Assert.True(RequestRules.MayAdminister(Policy, Db, Bob));
        Assert.True(RequestRules.MayAdminister(Policy, Db, Erin));
        Assert.True(RequestRules.MayAdminister(Policy, null, Person("ADMIN@example.com")));
        Assert.False(RequestRules.MayAdminister(Policy, Db, Alice));
    }

    [Theory]
    [InlineData("alice@example.com", 60, "incident", null)]
    [InlineData("alice@example.com", 61, "incident", Refusal.DurationTooLong)]
    [InlineData("alice@example.com", 30, "", Refusal.ReasonRequired)]
    [InlineData("bob@example.com", 30, "incident", Refusal.BreakGlassNotAllowed)]
    public void Break_glass_follows_its_rule(string who, int minutes, string reason, Refusal? expected)
    {
        var person = who.StartsWith("alice", StringComparison.Ordinal) ? Alice : Bob;

        var refusal = RequestRules.CheckBreakGlass(Policy, Db, person, TimeSpan.FromMinutes(minutes), reason, out _);

        Assert.Equal(expected, refusal?.Reason);
    }

    [Fact]
    public void Approval_channel_defaults_to_approvals()
    {
        Assert.Equal("approvals", RequestRules.ApprovalChannel(Db));
        Assert.Equal("db-approvals", RequestRules.ApprovalChannel(Db with { ApprovalChannel = "db-approvals" }));
    }
}
