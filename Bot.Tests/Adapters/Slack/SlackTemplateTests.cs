using System.Text.RegularExpressions;
using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Tests.Adapters.Rendering;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;

namespace AccessBot.Tests.Adapters.Slack;

public sealed partial class SlackTemplateTests : IAsyncLifetime
{
    private const string Hostile = "<!channel> <@U0ADMIN> <http://evil.example|innocent> & \"quotes\" 'single'\nnew line *bold*";
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static RequestSnapshot HostileRequest(RequestState state) => SlackSamples.Request(reason: Hostile + new string('x', 4000), state: state,
        approvals: [new ApprovalRecord(1, new Principal(new PrincipalId(Guid.NewGuid()), "e@x", Hostile, "<@U0EVIL>"), true, Hostile, "slack", null, DateTimeOffset.UnixEpoch)])
        with
        {
            Requester = new Principal(new PrincipalId(Guid.NewGuid()), "a<b>@example.com", Hostile, SlackUserId: "U0X|<!here>"),
            Resource = Hostile,
            CurrentStepGroup = Hostile,
            ClosedReason = Hostile,
        };

    private Dictionary<string, string> RenderAll()
    {
        var m = _h.Get<SlackMessages>();
        var pending = HostileRequest(RequestState.Pending);
        var closed = HostileRequest(RequestState.Denied);
        var all = new Dictionary<string, string>
        {
            ["ack"] = m.Ack(),
            ["help"] = m.Help(Hostile, null) + m.Help("/access", ParsedCommand.Help.RevokeUsage) + m.Help("/access", ParsedCommand.Help.ExtendUsage)
                + m.Help("/access", ParsedCommand.Help.RequestIncomplete),
            ["busy"] = m.Busy(),
            ["failed"] = m.Failed(Hostile) + m.Failed(null),
            ["no_identity"] = m.NoIdentity(),
            ["wrong_workspace"] = m.WrongWorkspace(),
            ["submitted"] = m.Submitted(pending) + m.Submitted(closed),
            ["refused"] = m.Refused(new RefusalDetail(Refusal.UnknownResource, new RefusalFacts(RefusedCommand.Submit) { Resource = Hostile })),
            ["not_found"] = m.NotFound(new RequestId(5)) + m.NotFound(null),
            ["done"] = m.Done(closed),
            ["decided"] = m.Decided(pending, true) + m.Decided(closed, false),
            ["already_closed"] = m.AlreadyClosed(closed),
            ["click_refused"] = m.ClickRefused("unknown_action") + m.ClickRefused("message_not_ours"),
            ["request_list"] = m.RequestList("mine", [pending, closed]) + m.RequestList("pending", []),
            ["fallback"] = string.Concat(new[] { "approval", "escalated", "requester", "expiring", "break_glass", "manual" }.Select(w => m.Fallback(pending, w))),
            ["form_error"] = string.Concat(new[] { "no_resource", "bad_duration", "too_long", "reason_required", "reason_too_long" }.Select(p => m.FormError(p, "8h"))),
            ["labels"] = string.Concat(LabelKeys.Select(k => m.Label(k, 812))),
            ["resources"] = m.Resources(SlackSamples.Policy()),
            ["approval_request"] = m.ApprovalRequest(pending, true),
            ["approval_context"] = m.ApprovalContext(pending),
            ["approval_closed"] = m.ApprovalClosed(closed),
            ["requester_update"] = m.RequesterUpdate(pending) + m.RequesterUpdate(closed),
            ["expiring_soon"] = m.ExpiringSoon(HostileRequest(RequestState.Active)),
            ["break_glass"] = m.BreakGlass(HostileRequest(RequestState.Active)),
            ["manual_action"] = m.ManualAction(HostileRequest(RequestState.Active)),
            ["security_alert"] = m.SecurityAlert(pending) + m.SecurityAlert(null),
        };
        foreach (var notice in HostileText.Notices()) all[$"notices/{notice.Name}"] = all.GetValueOrDefault($"notices/{notice.Name}") + m.Notice(notice);
        foreach (var reason in Enum.GetValues<Refusal>())
        {
            var name = RefusalTexts.TemplateName("slack", reason)["slack/".Length..^".sbn".Length];
            all[name] = string.Concat(Enum.GetValues<RefusedCommand>().Select(command => m.Refused(new RefusalDetail(reason,
                new RefusalFacts(command) { Resource = Hostile, RequestId = new RequestId(9), State = RequestState.Active, Condition = RefusalCondition.NoApprovalChain }))));
        }
        return all;
    }

    private static readonly string[] LabelKeys =
    [
        "approve", "deny", "extend", "release", "approval_header", "escalated_header", "break_glass_header", "request_modal_title",
        "request_modal_submit", "request_modal_close", "resource_input", "duration_input", "reason_input", "deny_modal_title",
        "deny_modal_submit", "deny_modal_close", "comment_input",
        .. Enum.GetValues<RequestState>().SelectMany(s => new[] { "state_" + s.ToDb(), "state_icon_" + s.ToDb() }),
    ];

    [Fact]
    public void Every_label_key_has_its_own_text_and_fits_a_button_or_title()
    {
        var m = _h.Get<SlackMessages>();
        foreach (var key in LabelKeys)
        {
            var label = m.Label(key, 812);
            Assert.NotEqual(key, label);   // the template's fallback echoes unknown keys
            Assert.True(label.Length <= SlackText.HeaderText, key);
        }
        Assert.Equal("Approve", m.Label("approve"));
        Assert.Equal("Deny request #812", m.Label("deny_modal_title", 812));
        Assert.Equal("timed out", m.Label("state_timed_out"));
    }

    [Fact]
    public void Every_slack_template_is_covered_by_this_test()
    {
        var names = _h.Get<TemplateRenderer>().Names.Where(n => n.StartsWith("slack/", StringComparison.Ordinal))
            .Select(n => n["slack/".Length..^".sbn".Length]).Order(StringComparer.Ordinal);

        Assert.Equal(names, RenderAll().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hostile_model_text_renders_inert_in_every_template()
    {
        foreach (var (name, text) in RenderAll())
        {
            // The only control sequences left are the ones code builds: date tokens.
            var controls = ControlSequence().Matches(text).Select(x => x.Value).Where(v => !v.StartsWith("<!date^", StringComparison.Ordinal));
            Assert.True(!controls.Any(), $"{name}: {string.Join(", ", controls)}");
        }
    }

    [Fact]
    public void Every_rendered_text_fits_a_section()
    {
        foreach (var (name, text) in RenderAll())
            Assert.True(text.Length <= 9 * SlackText.SectionText, name);   // some entries join several renders, each cut to a section
    }

    [Fact]
    public void Mention_is_built_only_from_a_well_formed_user_id()
    {
        var evil = SlackSamples.Alice with { SlackUserId = "U0X|<!here>", DisplayName = "<!here>" };

        Assert.Equal("&lt;!here&gt;", RequestView.Mention(evil));
        Assert.Equal("<@U0ALICE>", RequestView.Mention(SlackSamples.Alice));
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex ControlSequence();
}
