using static AccessBot.Tests.Workflows.Policy.PolicyYaml;

namespace AccessBot.Tests.Workflows.Policy;

/// <summary>Names that must refer to defined groups and channels, and rules that tie a resource's parts together.</summary>
public sealed class PolicyReferenceValidationTests
{
    [Fact]
    public void A_step_without_a_group_is_refused()
    {
        var yaml = With("- { group: security-team }", "- { approvals: 1 }");

        var error = SingleError(yaml, "resources.prod-db.steps[1].group", "- { approvals: 1 }");

        Assert.Equal("is required", error.Message);
    }

    [Fact]
    public void A_step_naming_an_unknown_group_is_refused()
    {
        var yaml = With("- { group: security-team }", "- { group: security-tema }");

        var error = SingleError(yaml, "resources.prod-db.steps[1].group", "security-tema");

        Assert.Equal(ColumnOf(yaml, "security-tema"), error.Column);
        Assert.Contains("unknown group \"security-tema\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escalation_to_an_unknown_group_is_refused()
    {
        var yaml = With("escalate_to: sre-leads", "escalate_to: sre-lead");

        SingleError(yaml, "resources.prod-db.steps[0].escalate_to", "escalate_to: sre-lead");
    }

    [Fact]
    public void An_escalation_target_without_a_delay_is_refused()
    {
        var yaml = With("escalate_after: 30m, ", "");

        SingleError(yaml, "resources.prod-db.steps[0].escalate_after", "escalate_to: sre-leads");
    }

    [Fact]
    public void Auto_approve_for_an_unknown_group_is_refused()
    {
        var yaml = With("requester_in: [sre-oncall]", "requester_in: [sre-oncall, interns]");

        SingleError(yaml, "resources.prod-db.auto_approve.requester_in[1]", "requester_in: [sre-oncall, interns]");
    }

    [Fact]
    public void Auto_approve_longer_than_the_resource_maximum_is_refused()
    {
        var yaml = With("requester_in: [sre-oncall], max_duration: 1h", "requester_in: [sre-oncall], max_duration: 1d");

        var error = SingleError(yaml, "resources.prod-db.auto_approve.max_duration", "requester_in: [sre-oncall], max_duration: 1d");

        Assert.Equal("1d is longer than the resource's max_duration 4h", error.Message);
    }

    [Fact]
    public void Break_glass_for_an_unknown_group_is_refused()
    {
        var yaml = With("allowed_for: [sre-oncall]", "allowed_for: [sre-on-call]");

        SingleError(yaml, "resources.prod-db.break_glass.allowed_for[0]", "allowed_for: [sre-on-call]");
    }

    [Fact]
    public void Break_glass_without_a_security_channel_is_refused()
    {
        var yaml = Replace(With("  security:     { slack: C0SECURITY }\n", ""), "channel: security", "channel: approvals");

        SingleError(yaml, "resources.prod-db.break_glass", "break_glass:");
    }

    [Fact]
    public void An_unknown_admin_group_is_refused()
    {
        var yaml = With("admin_group: security-admins", "admin_group: secadmins");

        var error = SingleError(yaml, "admin_group", "admin_group: secadmins");

        Assert.Contains("defined under groups:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_approval_channel_is_refused()
    {
        var yaml = With("approval_channel: db-approvals", "approval_channel: dba");

        SingleError(yaml, "resources.prod-db.approval_channel", "approval_channel: dba");
    }

    [Fact]
    public void An_unknown_digest_channel_is_refused()
    {
        var yaml = With("channel: security", "channel: secuirty");

        SingleError(yaml, "digest.channel", "channel: secuirty");
    }

    [Fact]
    public void A_resource_without_approval_channel_needs_an_approvals_channel()
    {
        var yaml = Replace(With("    approval_channel: db-approvals\n", ""), "  approvals:    { slack: C0APPROVALS, teams: \"19:abc@thread.tacv2\" }\n", "");

        SingleError(yaml, "resources.prod-db.approval_channel", "description: Production");
    }

    [Fact]
    public void More_approvals_than_group_members_are_refused()
    {
        var yaml = With("approvals: 1,", "approvals: 4,");

        var error = SingleError(yaml, "resources.prod-db.steps[0].approvals", "approvals: 4");

        Assert.Equal("needs 4 approvals but group db-owners has only 3 members", error.Message);
    }

    [Fact]
    public void A_resource_with_neither_steps_nor_auto_approve_is_refused()
    {
        var yaml = With(
            "    steps:\n      - { group: db-owners, approvals: 1, escalate_after: 30m, escalate_to: sre-leads }\n      - { group: security-team }\n    auto_approve: { requester_in: [sre-oncall], max_duration: 1h }\n",
            "");

        var error = SingleError(yaml, "resources.prod-db.steps", "description: Production");

        Assert.Contains("auto_approve", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_step_list_without_auto_approve_is_refused()
    {
        var yaml = With(
            "    steps:\n      - { group: db-owners, approvals: 1, escalate_after: 30m, escalate_to: sre-leads }\n      - { group: security-team }\n    auto_approve: { requester_in: [sre-oncall], max_duration: 1h }\n",
            "    steps: []\n");

        SingleError(yaml, "resources.prod-db.steps", "steps: []");
    }

    [Fact]
    public void Auto_approve_alone_is_enough_for_a_resource()
    {
        var yaml = With(
            "    steps:\n      - { group: db-owners, approvals: 1, escalate_after: 30m, escalate_to: sre-leads }\n      - { group: security-team }\n",
            "");

        var resource = AccessBot.Workflows.Policy.PolicyLoader.Parse(yaml, FileName).Resources["prod-db"];

        Assert.Empty(resource.Steps);
        Assert.Equal(["sre-oncall"], resource.AutoApprove!.RequesterGroups);
    }
}
