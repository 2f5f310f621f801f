using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Adapters.Rendering;

/// <summary>The engine hands typed notices to the chat port; each adapter words them from its own templates.</summary>
public sealed class NoticeTemplateTests
{
    private static readonly TemplateRenderer Renderer = new(Options.Create(new TemplateOptions()));

    public static readonly TheoryData<string> Platforms = new() { "slack", "teams" };

    private static ITextEscaper EscaperFor(string platform) =>
        platform == "slack" ? SlackMrkdwnEscaper.Instance : TeamsMarkdownEscaper.Message;

    private static string Render(string platform, Notice notice) =>
        Renderer.Render($"{platform}/notices/{notice.Name}.sbn", notice, EscaperFor(platform));

    public static TheoryData<string, Notice, string[]> Cases()
    {
        var data = new TheoryData<string, Notice, string[]>();
        var cases = new (Notice, string[])[]
        {
            (new ManualTask(ManualStep.Grant, 812, "prod-db", "alice@example.com", "Use the DBA console."),
                ["Grant", "prod-db", "alice@example.com", "request provisioned 812", "Use the DBA console."]),
            (new ManualTask(ManualStep.Remove, 812, "prod-db", "alice@example.com"), ["Remove", "prod-db", "alice@example.com", "#812"]),
            (new ManualTask(ManualStep.DoNotGrant, 812, "prod-db", "alice@example.com"), ["do not grant", "prod-db", "alice@example.com", "#812"]),
            (new ProvisioningFailed(812, "prod-db"), ["#812", "prod-db", "failed", "request retry 812"]),
            (new ExpiredNotRevoked(812, "prod-db"), ["#812", "prod-db", "by hand"]),
            (new CheckpointWritten(4711, "2026-11-23T00:00:00Z", "ab12cd", "0123456789abcdef0123"), ["#4711", "2026-11-23T00:00:00Z", "ab12cd", "0123456789abcdef", "checkpoint"]),
            (new CheckpointRefused(4711, nameof(AuditDamageKind.ModifiedRow)), ["#4711", "ModifiedRow", "audit verify"]),
        };
        foreach (var platform in new[] { "slack", "teams" })
            foreach (var (notice, expected) in cases)
                data.Add(platform, notice, expected);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_notice_is_worded_by_its_platform_template_with_the_facts_filled_in(string platform, Notice notice, string[] expected)
    {
        var text = Render(platform, notice);

        foreach (var fact in expected) Assert.Contains(fact, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_id_is_shortened_by_the_template_not_by_the_engine()
    {
        var notice = AuditCheckpointAnnouncement.Refused(new AuditDamage(9, AuditDamageKind.DeletedRow, "gap"));

        Assert.Equal(new CheckpointRefused(9, "DeletedRow"), notice);
        Assert.DoesNotContain("0123456789abcdef0123", Render("slack", new CheckpointWritten(1, "t", "h", "0123456789abcdef0123")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Every_notice_kind_has_a_template_on_the_platform_and_hostile_values_stay_inert(string platform)
    {
        foreach (var notice in HostileText.Notices())
        {
            var text = Render(platform, notice);
            HostileText.AssertInert(platform, text, $"{platform}/{notice.Name}/{notice}"[..60]);
            Assert.True(text.Length < 20_000, $"{platform}/{notice.Name} is {text.Length} characters");
        }
    }

    [Fact]
    public void An_operator_override_of_one_notice_is_used_and_the_others_fall_back()
    {
        var own = Directory.CreateTempSubdirectory("templates-operator-");
        try
        {
            Directory.CreateDirectory(Path.Combine(own.FullName, "teams", "notices"));
            File.WriteAllText(Path.Combine(own.FullName, "teams", "notices", "manual_task.sbn"), "Ticket for {{ resource }} (#{{ request_id }}).");
            var renderer = new TemplateRenderer(Options.Create(new TemplateOptions { TemplatesPath = own.FullName }));

            Assert.Equal("Ticket for prod\\_db (#812).", renderer.Render("teams/notices/manual_task.sbn",
                new ManualTask(ManualStep.Grant, 812, "prod_db", "a@example.com"), TeamsMarkdownEscaper.Message));
            Assert.Contains("failed after its retries", renderer.Render("teams/notices/provisioning_failed.sbn",
                new ProvisioningFailed(812, "prod-db"), TeamsMarkdownEscaper.Message), StringComparison.Ordinal);
        }
        finally
        {
            own.Delete(recursive: true);
        }
    }
}
