using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Workflows.AccessRequests;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Adapters.Rendering;

/// <summary>Every engine refusal is worded by a template per platform, from the refusal's typed facts.</summary>
public sealed class RefusalTemplateTests
{
    private static readonly TemplateRenderer Renderer = new(Options.Create(new TemplateOptions()));

    public static readonly TheoryData<string> Platforms = new() { "slack", "teams", "cli" };

    private static ITextEscaper EscaperFor(string platform) => platform switch
    {
        "slack" => SlackMrkdwnEscaper.Instance,
        "teams" => TeamsMarkdownEscaper.Message,
        _ => PlainTextEscaper.Instance,
    };

    private static RefusalFacts Facts(RefusedCommand command, RefusalCondition? condition = null) => new(command)
    {
        RequestId = command is RefusedCommand.Submit or RefusedCommand.BreakGlass ? null : new RequestId(812),
        Resource = "prod-db",
        State = RequestState.TimedOut,
        Duration = TimeSpan.FromHours(9),
        MaxDuration = TimeSpan.FromHours(4),
        Step = 2,
        Pending = 3,
        PendingLimit = 3,
        Condition = condition,
    };

    /// <summary>For each reason, a command it is given for and the facts its sentence must show.</summary>
    public static TheoryData<string, Refusal, RefusedCommand, RefusalCondition?, string[]> Cases()
    {
        var data = new TheoryData<string, Refusal, RefusedCommand, RefusalCondition?, string[]>();
        var cases = new (Refusal, RefusedCommand, RefusalCondition?, string[])[]
        {
            (Refusal.UnknownResource, RefusedCommand.Submit, null, ["no resource named", "prod-db"]),
            (Refusal.UnknownResource, RefusedCommand.Retry, null, ["no longer in the policy", "#812"]),
            (Refusal.DurationInvalid, RefusedCommand.Submit, null, ["must be positive"]),
            (Refusal.DurationTooLong, RefusedCommand.Submit, null, ["9h", "prod-db", "4h"]),
            (Refusal.DurationTooLong, RefusedCommand.BreakGlass, null, ["Break-glass", "prod-db", "4h"]),
            (Refusal.ReasonRequired, RefusedCommand.Submit, null, ["prod-db", "requires a reason"]),
            (Refusal.ReasonRequired, RefusedCommand.BreakGlass, null, ["Break-glass requires a reason"]),
            (Refusal.TooManyPending, RefusedCommand.Submit, null, ["3 pending", "limit is 3"]),
            (Refusal.BreakGlassNotAllowed, RefusedCommand.BreakGlass, null, ["not allowed", "prod-db"]),
            (Refusal.SelfApproval, RefusedCommand.Decide, null, ["your own request"]),
            (Refusal.SelfApproval, RefusedCommand.ConfirmProvisioned, null, ["your own grant"]),
            (Refusal.NotAnApprover, RefusedCommand.Decide, null, ["step 2", "prod-db"]),
            (Refusal.AlreadyDecidedByYou, RefusedCommand.Decide, null, ["already decided"]),
            (Refusal.NotPending, RefusedCommand.Cancel, null, ["#812", "timed out", "not pending"]),
            (Refusal.NotActive, RefusedCommand.Release, null, ["#812", "timed out", "not active"]),
            (Refusal.NotActive, RefusedCommand.Revoke, null, ["#812", "nothing to revoke"]),
            (Refusal.NotRequester, RefusedCommand.Cancel, null, ["requester", "cancel a request"]),
            (Refusal.NotRequester, RefusedCommand.Extend, null, ["requester", "extend their grant"]),
            (Refusal.NotAllowed, RefusedCommand.Decide, RefusalCondition.NoPerson, ["needs a person"]),
            (Refusal.NotAllowed, RefusedCommand.Submit, RefusalCondition.NoApprovalChain, ["prod-db", "no approval chain"]),
            (Refusal.NotAllowed, RefusedCommand.Revoke, RefusalCondition.NotAdministrator, ["prod-db", "can revoke"]),
            (Refusal.NotAllowed, RefusedCommand.Retry, RefusalCondition.NotAdministrator, ["prod-db", "retry provisioning"]),
            (Refusal.NotAllowed, RefusedCommand.ConfirmProvisioned, RefusalCondition.NotAwaitingManualGrant, ["#812", "manual grant"]),
            (Refusal.NotAllowed, RefusedCommand.Retry, RefusalCondition.NotFailed, ["#812", "timed out", "provisioning failed"]),
        };
        foreach (var platform in new[] { "slack", "teams", "cli" })
            foreach (var (reason, command, condition, expected) in cases)
                data.Add(platform, reason, command, condition, expected);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_refusal_is_worded_by_its_platform_template_with_the_facts_filled_in(
        string platform, Refusal reason, RefusedCommand command, RefusalCondition? condition, string[] expected)
    {
        var text = Renderer.RenderRefusal(platform, new RefusalDetail(reason, Facts(command, condition)), EscaperFor(platform));

        foreach (var fact in expected) Assert.Contains(fact, text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Every_refusal_reason_has_a_template_on_the_platform(string platform)
    {
        foreach (var reason in Enum.GetValues<Refusal>())
            Assert.Contains(RefusalTexts.TemplateName(platform, reason), Renderer.Names);
    }

    [Fact]
    public void The_resource_is_emphasised_in_each_platform_s_own_markup()
    {
        var detail = new RefusalDetail(Refusal.ReasonRequired, Facts(RefusedCommand.Submit));

        Assert.StartsWith("*prod-db*", Renderer.RenderRefusal("slack", detail, SlackMrkdwnEscaper.Instance), StringComparison.Ordinal);
        Assert.StartsWith("**prod-db**", Renderer.RenderRefusal("teams", detail, TeamsMarkdownEscaper.Message), StringComparison.Ordinal);
        Assert.StartsWith("prod-db requires", Renderer.RenderRefusal("cli", detail, PlainTextEscaper.Instance), StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_override_of_one_refusal_is_used_and_the_others_fall_back_to_the_built_in_ones()
    {
        var own = Directory.CreateTempSubdirectory("templates-operator-");
        try
        {
            Directory.CreateDirectory(Path.Combine(own.FullName, "slack", "refusals"));
            File.WriteAllText(Path.Combine(own.FullName, "slack", "refusals", "self_approval.sbn"), "Ask a colleague to decide #{{ request_id }}.");
            var renderer = new TemplateRenderer(Options.Create(new TemplateOptions { TemplatesPath = own.FullName }));
            var facts = Facts(RefusedCommand.Decide);

            Assert.Equal("Ask a colleague to decide #812.",
                renderer.RenderRefusal("slack", new RefusalDetail(Refusal.SelfApproval, facts), SlackMrkdwnEscaper.Instance));
            Assert.Equal("Request #812 is timed out, not active.",
                renderer.RenderRefusal("slack", new RefusalDetail(Refusal.NotActive, facts with { Command = RefusedCommand.Release }), SlackMrkdwnEscaper.Instance));
            Assert.Equal("You cannot decide your own request.",
                renderer.RenderRefusal("teams", new RefusalDetail(Refusal.SelfApproval, facts), TeamsMarkdownEscaper.Message));
        }
        finally
        {
            own.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void A_hostile_resource_name_stays_inert_in_every_refusal(string platform)
    {
        var hostile = HostileText.Value;
        foreach (var reason in Enum.GetValues<Refusal>())
        foreach (var command in Enum.GetValues<RefusedCommand>())
        foreach (var condition in Enum.GetValues<RefusalCondition>())
        {
            var facts = Facts(command, condition) with { Resource = hostile };
            var text = Renderer.RenderRefusal(platform, new RefusalDetail(reason, facts), EscaperFor(platform));
            HostileText.AssertInert(platform, text, $"{platform}/{reason}/{command}/{condition}");
        }
    }

    [Fact]
    public void Every_cli_template_is_covered_and_keeps_hostile_values_on_one_terminal_line()
    {
        var h = HostileText.Value;
        var rendered = new Dictionary<string, string>
        {
            ["cli/not_found.sbn"] = Renderer.Render("cli/not_found.sbn", new { Id = (long?)812 }, PlainTextEscaper.Instance)
                + Renderer.Render("cli/not_found.sbn", new { Id = (long?)null }, PlainTextEscaper.Instance),
            ["cli/already_closed.sbn"] = Renderer.Render("cli/already_closed.sbn", new { Id = 812L, State = "denied", By = h }, PlainTextEscaper.Instance),
        };
        foreach (var reason in Enum.GetValues<Refusal>())
            rendered[RefusalTexts.TemplateName("cli", reason)] = string.Concat(Enum.GetValues<RefusedCommand>().Select(c =>
                Renderer.RenderRefusal("cli", new RefusalDetail(reason, Facts(c, RefusalCondition.NoApprovalChain) with { Resource = h }), PlainTextEscaper.Instance)));

        Assert.Equal(Renderer.Names.Where(n => n.StartsWith("cli/", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            rendered.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in rendered)
        {
            HostileText.AssertInert("cli", text, name);
            Assert.DoesNotContain('\n', text);
        }
        Assert.Equal("request #812 does not existthe request does not exist", rendered["cli/not_found.sbn"]);
    }
}
