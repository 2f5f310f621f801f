using AccessBot.Tests.Integration.Digest;
using AccessBot.Workflows.Alerts;
using AccessBot.Workflows.Digest;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Workflows.Digest;

public sealed class AlertRendererTests
{
    private static readonly Alert Sample = new(
        AlertRules.RefusedClick, "seq:42", null, 812, 42, "prod-db", "Mallory <!channel> _x_",
        new DateTimeOffset(2026, 11, 20, 15, 5, 0, TimeSpan.Zero),
        new AlertFacts { Actor = "mallory@example.com", RefusalReason = "SelfApproval" }, "https://chat.example/archives/C1/p812?thread_ts=1&cid=C1");

    [Theory]
    [InlineData("plain")]
    [InlineData("angle")]
    [InlineData("markdown")]
    public void Rendered_alert_matches_its_golden_file(string style)
    {
        var markup = style switch
        {
            "plain" => DigestMarkup.Plain(),
            "angle" => DigestMarkup.AngleBracketLinks("chat-a"),
            _ => DigestMarkup.Markdown("chat-b"),
        };

        var text = new AlertRenderer(Options.Create(new DigestOptions())).Render(Sample, markup, DigestDataset.Berlin);

        Golden.AssertMatches($"Alerts/click-refused.{style}.txt", text);
    }

    [Fact]
    public void An_alert_about_no_request_names_only_its_time()
    {
        var alert = Sample with
        {
            RequestId = null, Permalink = null, Rule = AlertRules.AuditChainBroken,
            Facts = new AlertFacts { HeadSeq = 9, BrokenSeq = 7, VerifierMessage = "row 7 was modified" },
        };

        var text = new AlertRenderer(Options.Create(new DigestOptions())).Render(alert, DigestMarkup.Plain(), DigestDataset.Berlin);

        Assert.Equal("⚠ Audit chain verification failed\nVerification up to event 9 failed at event 7: row 7 was modified\nFri 20 Nov 16:05\n"
            + "Rule audit.chain_broken · cause seq:42\n", text);
    }

    public static TheoryData<string, AlertFacts, string[]> Rules() => new()
    {
        { AlertRules.GrantOutsideBusinessHours, AlertFacts.None, ["Access granted outside business hours", "Granted outside business hours."] },
        { AlertRules.SensitiveGrant, new AlertFacts { Sensitivity = AccessBot.Workflows.Policy.Sensitivity.Critical },
            ["Access granted to a sensitive resource", "a critical-sensitivity resource"] },
        { AlertRules.RepeatedDenials, new AlertFacts { Count = 4, Window = TimeSpan.FromHours(2) }, ["Repeated denials", "4 of this person's requests", "within 2h"] },
        { AlertRules.RefusedClick, new AlertFacts { Actor = "eve@example.com", RefusalReason = "NotAnApprover" },
            ["Approval click refused", "eve@example.com tried to decide without being an approver."] },
        { AlertRules.ReconcileRevocation, AlertFacts.None, ["Expired grant was still active", "reconcile sweep"] },
        { AlertRules.AuditChainBroken, new AlertFacts { HeadSeq = 90, BrokenSeq = 12, VerifierMessage = "hash mismatch" },
            ["Audit chain verification failed", "up to event 90 failed at event 12: hash mismatch"] },
        { AlertRules.ProvisioningFailed, AlertFacts.None, ["Provisioning failed after retries", "the access was not granted"] },
        { AlertRules.ShadowAccess, new AlertFacts { Holder = "svc_backup", HolderEmail = "ops@example.com" },
            ["Access held in a target without a grant", "reports svc_backup (ops@example.com) holding prod-db"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_is_titled_and_worded_by_the_template_from_its_facts(string rule, AlertFacts facts, string[] expected)
    {
        var text = new AlertRenderer(Options.Create(new DigestOptions())).Render(Sample with { Rule = rule, Facts = facts }, DigestMarkup.Plain(), DigestDataset.Berlin);

        foreach (var part in expected) Assert.Contains(part, text, StringComparison.Ordinal);
        Assert.Equal(4, text.TrimEnd('\n').Split('\n').Length);   // title, sentence, request line, rule line
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Hostile_facts_render_inert_in_every_rule(string rule, AlertFacts facts, string[] expected)
    {
        _ = expected;
        var hostile = AccessBot.Tests.Adapters.Rendering.HostileText.Value;
        var alert = Sample with
        {
            Rule = rule, Person = hostile, Resource = hostile, Permalink = null,
            Facts = facts with { Actor = hostile, Holder = hostile, HolderEmail = hostile, VerifierMessage = hostile },
        };

        var text = new AlertRenderer(Options.Create(new DigestOptions())).Render(alert, DigestMarkup.AngleBracketLinks("chat-a"), DigestDataset.Berlin);

        Assert.DoesNotMatch("<[^>]*>", text);
        Assert.DoesNotContain(" 49 ", text, StringComparison.Ordinal);
        Assert.Equal(4, text.TrimEnd('\n').Split('\n').Length);   // no value adds a line
    }
}
