using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Handling;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Tests.Adapters.Rendering;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Tests.Adapters.Teams;

/// <summary>Every Teams template, rendered with the hostile value in every user-supplied string.</summary>
public sealed class TeamsTemplateTests
{
    // The long value goes where long user text can really appear (a reason, a note); names get the short hostile prefix.
    private static readonly string H = HostileText.Value;
    private static readonly string S = HostileText.Value[..HostileText.Value.IndexOf("rrrr", StringComparison.Ordinal)];
    private static readonly TemplateRenderer Renderer = TeamsTestRequests.Templates();

    private static readonly string[] LabelKeys =
    [
        "approve", "deny", "comment_input", "resource_input", "resource_missing", "duration_input", "reason_input", "submit_request",
        "extend_input", "extend", "release",
        .. Enum.GetValues<RequestState>().Select(s => "state_" + s.ToDb()),
    ];

    private static readonly string[] Problems =
    [
        TeamsProblem.UnknownCommand, TeamsProblem.Usage, TeamsProblem.MissingDuration, TeamsProblem.BadDuration, TeamsProblem.NoResource,
        TeamsProblem.NotFound, TeamsProblem.ForeignCard, TeamsProblem.BadExtension, TeamsProblem.UnsupportedAction,
    ];

    /// <summary>Each template with every model shape it is given (name relative to <c>teams/</c>, without extension).</summary>
    private static Dictionary<string, object[]> Models()
    {
        var refusal = new SafeText(Renderer.RenderRefusal("teams",
            new RefusalDetail(Refusal.NotActive, new RefusalFacts(RefusedCommand.Release) { RequestId = new RequestId(9), Resource = H, State = RequestState.Expired }),
            TeamsMarkdownEscaper.Message));
        var decision = new DecisionModel(true, S, "teams", "2026-03-02 09:00 UTC", 1);
        var listed = new ListedRequest(9, H, "4h", "pending", S, "2026-03-02 09:00 UTC");
        var models = new Dictionary<string, object[]>
        {
            ["approval_banner"] = [new BannerModel("Decided", null, true, 9, H, null, null), new BannerModel("Refused", refusal, false, 9, null, null, null),
                new BannerModel("AlreadyClosed", null, false, 9, "2026-03-02 09:00 UTC", "denied", H)],
            ["approval_body"] = [new ApprovalBodyModel(S, S, S, "4h", "High", "Pending", "pending", 1, 2, S, true, true, S, H, [decision, decision with { Approved = false }]),
                new ApprovalBodyModel(H, S, S, "4h", "Low", "Active", "active", 0, 2, null, false, false, null, null, [])],
            ["approval_title"] = [new ApprovalTitleModel(9, H, H)],
            ["command_error"] = [.. Problems.Select(p => (object)new ProblemModel(new SafeText(p), H, 9)), new ProblemModel(new SafeText(TeamsProblem.Usage), "extend", null)],
            ["command_result"] = [new CommandResultModel(true, "Revoke", 9, H, H, null), new CommandResultModel(true, "Cancel", 9, H, H, null),
                new CommandResultModel(true, "Release", 9, H, H, null), new CommandResultModel(false, "Release", 9, H, null, refusal)],
            ["expiring_soon"] = [new ExpiringModel(9, H, H)],
            ["help"] = [new MessageModel(H)],
            ["identity_unknown"] = [new MessageModel(H)],
            ["labels"] = [.. LabelKeys.Select(k => (object)new { Key = new SafeText(k), Id = (long?)9 })],
            ["notice"] = [.. new[] { "Escalated", "BreakGlass", "ManualAction", "SecurityAlert" }.Select(k => (object)new NoticeModel(k, 9, H, S, "4h", 1, 2, "approved")),
                new NoticeModel("SecurityAlert", null, null, null, null, 0, 0, "")],
            ["refused"] = [new RefusedModel(refusal)],
            ["request_form"] = [new FormModel(null, null, null), new FormModel(null, null, refusal),
                .. new[] { "missing_duration", "bad_duration", "no_resource", "not_found" }.Select(p => (object)new FormModel(new SafeText(p), H, null))],
            ["request_list"] = [new RequestListModel(new SafeText("mine"), [listed, listed]), new RequestListModel(new SafeText("pending"), [])],
            ["requester_update"] = [new RequesterUpdateModel(9, S, "4h", "active", S, true, S, H), new RequesterUpdateModel(9, H, H, H, null, null, null, null)],
            ["approval_viewer"] = [new ViewerNoteModel(true, 1, 2), new ViewerNoteModel(false, 2, 2)],
            ["resources"] = [new ResourcesModel([new ListedResource(S, H, "1h", "8h", true)])],
            ["submitted"] = [new SubmittedModel(9, H, H, H, true), new SubmittedModel(9, H, H, H, false)],
        };
        foreach (var reason in Enum.GetValues<Refusal>())
            models[RefusalTexts.TemplateName("teams", reason)["teams/".Length..^".sbn".Length]] =
                [.. Enum.GetValues<RefusedCommand>().Select(c => (object)RefusalView.From(new RefusalDetail(reason,
                    new RefusalFacts(c) { RequestId = new RequestId(9), Resource = H, State = RequestState.Active, Condition = RefusalCondition.NotAdministrator })))];
        foreach (var notice in HostileText.Notices())
            models[$"notices/{notice.Name}"] = [.. models.GetValueOrDefault($"notices/{notice.Name}") ?? [], notice];
        return models;
    }

    [Fact]
    public void Every_teams_template_is_covered_by_this_test()
    {
        var names = Renderer.Names.Where(n => n.StartsWith("teams/", StringComparison.Ordinal)).Select(n => n["teams/".Length..^".sbn".Length]);

        Assert.Equal(names.Order(StringComparer.Ordinal), Models().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hostile_values_render_inert_and_within_the_message_limit_in_every_template()
    {
        foreach (var (name, models) in Models())
        foreach (var model in models)
        {
            var message = Renderer.Render($"teams/{name}.sbn", model, TeamsMarkdownEscaper.Message);
            HostileText.AssertInert("teams", message, name);
            // Adaptive Card text renders no HTML, so only markdown must stay inert there.
            var card = Renderer.Render($"teams/{name}.sbn", model, TeamsMarkdownEscaper.Card);
            Assert.DoesNotContain("[x](http://evil)", card, StringComparison.Ordinal);
            Assert.DoesNotContain("**strong**", card, StringComparison.Ordinal);
            Assert.DoesNotContain("\nline", card, StringComparison.Ordinal);
            // A Teams message carries at most about 28 KB.
            Assert.True(message.Length < 28_000, $"{name}: {message.Length} characters");
        }
    }

    [Fact]
    public void Label_keys_each_have_their_own_text()
    {
        foreach (var key in LabelKeys) Assert.NotEqual(key, Renderer.Label("teams", key, TeamsMarkdownEscaper.Card));
        Assert.Equal("Comment (optional, shown with a denial)", Renderer.Label("teams", "comment_input", TeamsMarkdownEscaper.Card));
    }

    [Fact]
    public void Problems_are_worded_by_the_template_with_the_typed_value()
    {
        Assert.Equal("Unknown command 'dance'. Type `help` for the commands.",
            Renderer.Render("teams/command_error.sbn", ProblemModel.Of(new TeamsProblem(TeamsProblem.UnknownCommand, "dance")), TeamsMarkdownEscaper.Message));
        Assert.Equal("Request #812 does not exist. Type `help` for the commands.",
            Renderer.Render("teams/command_error.sbn", ProblemModel.Of(new TeamsProblem(TeamsProblem.NotFound, Id: 812)), TeamsMarkdownEscaper.Message));
        Assert.Contains("'soon' is not a duration",
            Renderer.Render("teams/request_form.sbn", new FormModel(new SafeText(TeamsProblem.BadDuration), "soon", null), TeamsMarkdownEscaper.Card), StringComparison.Ordinal);
    }
}
