using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Handling;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Teams.Cards;

/// <summary>What the person looking at an approval card should additionally see.</summary>
public abstract record CardBanner
{
    private CardBanner() { }

    /// <summary>The clicker's own decision was recorded.</summary>
    public sealed record Decided(bool Approved, DateTimeOffset At) : CardBanner;

    /// <summary>The engine refused the click; the sentence comes from <c>teams/refusals/{reason}.sbn</c>.</summary>
    public sealed record Refused(RefusalDetail Detail) : CardBanner;

    /// <summary>Someone else decided first, or the request closed: the card shows who and how.</summary>
    public sealed record AlreadyClosed : CardBanner;
}

/// <summary>
/// Builds the approval card from a request snapshot: texts from templates (escaped), the reason and comments as text runs
/// (never markdown), Approve / Deny as Action.Execute with Action.Submit fallbacks while the request is pending.
/// </summary>
public sealed class ApprovalCardBuilder(TemplateRenderer templates)
{
    public const string ApproveVerb = "approve";
    public const string DenyVerb = "deny";

    /// <summary>The verb of the card's refresh action: answered with the viewer's own view, never a decision.</summary>
    public const string RefreshVerb = "refreshCard";
    public const string CommentInput = "comment";

    /// <param name="withButtons">False for the clicker's own view after deciding: they have nothing left to click.</param>
    public AdaptiveCard Build(RequestSnapshot request, CardBanner? banner = null, bool withButtons = true)
    {
        var escaper = TeamsMarkdownEscaper.Card;
        var body = new List<CardElement>
        {
            new TextBlock(templates.Render("teams/approval_title.sbn",
                new ApprovalTitleModel(request.Id.Value, request.Resource, ChatDuration.Format(request.Duration)), escaper))
            { Weight = "Bolder", Size = "Medium" },
            new TextBlock(templates.Render("teams/approval_body.sbn", BodyModel(request), escaper)),
            new RichTextBlock([new TextRun(request.Reason)]) { Spacing = "None" },
        };
        foreach (var approval in request.Approvals.Where(a => !string.IsNullOrWhiteSpace(a.Comment)))
            body.Add(new RichTextBlock([new TextRun(approval.Approver.DisplayName + ": ") { Weight = "Bolder" }, new TextRun(approval.Comment!)]));
        if (banner is not null) body.Add(Banner(request, banner));

        if (!withButtons || request.State != RequestState.Pending) return new AdaptiveCard(body);
        body.Add(new InputText(Label("comment_input")) { Id = CommentInput, MaxLength = 500, IsMultiline = true });
        var data = new Dictionary<string, string> { ["requestId"] = request.Id.ToString() };
        return new AdaptiveCard(body,
        [
            ExecuteAction.WithFallback(Label("approve"), ApproveVerb, data, "positive"),
            ExecuteAction.WithFallback(Label("deny"), DenyVerb, data, "destructive"),
        ]);
    }

    private string Label(string key) => templates.Label(TeamsPlatform.Name, key, TeamsMarkdownEscaper.Card);


    private TextBlock Banner(RequestSnapshot request, CardBanner banner)
    {
        var last = request.Approvals.OrderBy(a => a.At).LastOrDefault();
        var model = banner switch
        {
            CardBanner.Decided d => new BannerModel("Decided", null, d.Approved, request.Id.Value, ChatDuration.Time(d.At), null, null),
            CardBanner.Refused r => new BannerModel("Refused",
                new SafeText(templates.RenderRefusal(TeamsPlatform.Name, r.Detail, TeamsMarkdownEscaper.Card)), false, request.Id.Value, null, null, null),
            CardBanner.AlreadyClosed => new BannerModel("AlreadyClosed", null, last?.Approved ?? false, request.Id.Value,
                last is null ? null : ChatDuration.Time(last.At), StateTexts.Of(templates, request.State), last?.Approver.DisplayName),
            _ => throw new ArgumentOutOfRangeException(nameof(banner)),
        };
        return new TextBlock(templates.Render("teams/approval_banner.sbn", model, TeamsMarkdownEscaper.Card))
        {
            Color = banner is CardBanner.Decided ? "Good" : "Attention", Weight = "Bolder", Separator = true,
        };
    }

    private ApprovalBodyModel BodyModel(RequestSnapshot r) => new(
        r.Requester.DisplayName, r.Requester.Email, r.Resource, ChatDuration.Format(r.Duration), r.Sensitivity.ToString(),
        r.State.ToString(), StateTexts.Of(templates, r.State), r.CurrentStep, r.TotalSteps, r.CurrentStepGroup, r.BreakGlass, r.AutoApproved,
        r.ExpiresAt is { } e ? ChatDuration.Time(e) : null, r.ClosedReason,
        [.. r.Approvals.OrderBy(a => a.At).Select(StateTexts.Decision)]);
}
