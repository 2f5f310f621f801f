using System.Text.Json;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class ApprovalCardBuilderTests
{
    private readonly ApprovalCardBuilder _builder = new(TeamsTestRequests.Templates());

    private static JsonElement Json(AdaptiveCard card) => JsonSerializer.SerializeToElement<object>(card, TeamsJson.Options);

    [Fact]
    public void A_pending_request_gets_a_1_5_card_with_approve_and_deny_as_execute_actions_with_submit_fallbacks()
    {
        var json = Json(_builder.Build(TeamsTestRequests.Pending()));
        Assert.Equal("AdaptiveCard", json.GetProperty("type").GetString());
        Assert.Equal("1.5", json.GetProperty("version").GetString());
        var actions = json.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["approve", "deny"], actions.Select(a => a.GetProperty("verb").GetString()));
        foreach (var action in actions)
        {
            Assert.Equal("Action.Execute", action.GetProperty("type").GetString());
            Assert.Equal("42", action.GetProperty("data").GetProperty("requestId").GetString());
            var fallback = action.GetProperty("fallback");
            Assert.Equal("Action.Submit", fallback.GetProperty("type").GetString());
            Assert.Equal(action.GetProperty("verb").GetString(), fallback.GetProperty("data").GetProperty("verb").GetString());
        }
        Assert.Contains(json.GetProperty("body").EnumerateArray(), e => e.GetProperty("type").GetString() == "Input.Text"
            && e.GetProperty("id").GetString() == ApprovalCardBuilder.CommentInput);
    }

    [Fact]
    public void The_card_shows_requester_resource_duration_step_and_reason()
    {
        var text = Json(_builder.Build(TeamsTestRequests.Pending())).GetRawText();
        Assert.Contains("alice@example.com", text);
        Assert.Contains("prod-db", text);
        Assert.Contains("4h", text);
        Assert.Contains("step 1 of 2", text);
        Assert.Contains("db-owners", text);
        Assert.Contains("rotate keys", text);
        Assert.Contains("High", text);
    }

    [Fact]
    public void Hostile_reason_and_names_are_never_rendered_as_markdown_or_mentions()
    {
        var hostile = new Principal(new PrincipalId(Guid.NewGuid()), "eve@example.com", "<at>Everyone</at> **[boss](https://evil.example)**");
        var reason = "<at>Bob</at> [approve here](https://evil.example) **urgent**\n# Approved";
        var json = Json(_builder.Build(TeamsTestRequests.Pending(reason: reason, requester: hostile)));

        var markdownTexts = json.GetProperty("body").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "TextBlock").Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.All(markdownTexts, t => Assert.DoesNotContain("[boss](", t));
        Assert.All(markdownTexts, t => Assert.DoesNotContain("**[", t));
        Assert.Contains(markdownTexts, t => t.Contains("\\[boss\\]", StringComparison.Ordinal));

        // The reason travels verbatim in a TextRun, which Adaptive Cards never render as markdown.
        var runs = json.GetProperty("body").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "RichTextBlock")
            .SelectMany(e => e.GetProperty("inlines").EnumerateArray()).Select(r => r.GetProperty("text").GetString()).ToList();
        Assert.Contains(reason, runs);
        Assert.DoesNotContain(markdownTexts, t => t.Contains("approve here", StringComparison.Ordinal));
        // No mention entities: a typed <at> in a card notifies nobody.
        Assert.False(json.TryGetProperty("msteams", out _));
    }

    [Fact]
    public void A_decided_request_has_no_buttons_and_names_who_decided_and_when()
    {
        var card = _builder.Build(TeamsTestRequests.Approved(TeamsTestRequests.Pending(), TeamsTestRequests.Bob, "ok <at>x</at>"),
            new CardBanner.Decided(true, TeamsTestRequests.Now), withButtons: false);
        var json = Json(card);
        Assert.False(json.TryGetProperty("actions", out _));
        var text = json.GetRawText();
        Assert.Contains("Approved by Bob", text);
        Assert.Contains("2026-03-02 09:00 UTC", text);
        Assert.Contains("You approved request #42", text);
    }

    [Fact]
    public void A_refused_click_explains_why_and_keeps_the_buttons_for_others()
    {
        var json = Json(_builder.Build(TeamsTestRequests.Pending(), new CardBanner.Refused(
            new RefusalDetail(Refusal.SelfApproval, new RefusalFacts(RefusedCommand.Decide) { RequestId = new RequestId(42) }))));
        Assert.Contains("Not done: You cannot decide your own request.", json.GetRawText());
        Assert.Equal(2, json.GetProperty("actions").GetArrayLength());
    }
}
