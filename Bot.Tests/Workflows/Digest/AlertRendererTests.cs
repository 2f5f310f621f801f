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
        "mallory@example.com tried to approve their own request.", "https://chat.example/archives/C1/p812?thread_ts=1&cid=C1");

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
        var alert = Sample with { RequestId = null, Permalink = null, Rule = AlertRules.AuditChainBroken, Detail = "broken at 7" };

        var text = new AlertRenderer(Options.Create(new DigestOptions())).Render(alert, DigestMarkup.Plain(), DigestDataset.Berlin);

        Assert.Equal("⚠ Audit chain verification failed\nbroken at 7\nFri 20 Nov 16:05\nRule audit.chain_broken · cause seq:42\n", text);
    }
}
