using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Slack.Text;

/// <summary>
/// Every Slack text, rendered from <c>templates/slack/*.sbn</c> with model strings escaped for mrkdwn and the result cut
/// to the section limit after escaping.
/// </summary>
public sealed class SlackMessages(TemplateRenderer renderer, IPolicyProvider policy)
{
    public string Ack() => Render("ack", new { });

    public string Help(string command, string? problem) => Render("help", new { Command = command, Problem = problem });

    public string Failed(string? reference) => Render("failed", new { Reference = reference });

    public string Busy() => Render("busy", new { });

    public string NoIdentity() => Render("no_identity", new { });

    public string WrongWorkspace() => Render("wrong_workspace", new { });

    public string Submitted(RequestSnapshot request) => Render("submitted", new { Request = View(request) });

    /// <summary>The engine's refusal: the sentence from <c>slack/refusals/{reason}.sbn</c>, inside <c>slack/refused.sbn</c>.</summary>
    public string Refused(RefusalDetail detail) =>
        Render("refused", new { Message = new SafeText(renderer.RenderRefusal(SlackPlatform.Name, detail, SlackMrkdwnEscaper.Instance)) });

    public string NotFound(RequestId? id) => Render("not_found", new { Id = id?.ToString() });

    public string Done(RequestSnapshot request) => Render("done", new { Request = View(request) });

    public string Decided(RequestSnapshot request, bool approved) => Render("decided", new { Request = View(request), Approved = approved });

    public string AlreadyClosed(RequestSnapshot request) => Render("already_closed", new { Request = View(request) });

    public string ClickRefused(string reason) => Render("click_refused", new { Reason = reason });

    public string RequestList(string title, IReadOnlyList<RequestSnapshot> requests) =>
        Render("request_list", new { Title = title, Requests = requests.Select(View).ToList() });

    public string Resources(AccessPolicy current) => Render("resources", new
    {
        Resources = current.Resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new
        {
            r.Name,
            r.Description,
            DefaultDuration = SlackDuration.Format(r.DefaultDuration),
            MaxDuration = SlackDuration.Format(r.MaxDuration),
            r.ReasonRequired,
        }).ToList(),
    });

    public string ApprovalRequest(RequestSnapshot request, bool escalated) =>
        Render("approval_request", new { Request = View(request), Escalated = escalated });

    public string ApprovalContext(RequestSnapshot request) => Render("approval_context", new { Request = View(request) });

    public string ApprovalClosed(RequestSnapshot request) => Render("approval_closed", new { Request = View(request) });

    public string RequesterUpdate(RequestSnapshot request) => Render("requester_update", new { Request = View(request) });

    public string ExpiringSoon(RequestSnapshot request) => Render("expiring_soon", new { Request = View(request) });

    public string BreakGlass(RequestSnapshot request) => Render("break_glass", new { Request = View(request) });

    public string ManualAction(RequestSnapshot request) => Render("manual_action", new { Request = View(request) });

    public string SecurityAlert(RequestSnapshot? request) => Render("security_alert", new { Request = request is null ? null : View(request) });

    private RequestView View(RequestSnapshot request) => RequestView.From(request, policy.Current);

    private string Render(string name, object model) =>
        SlackText.Truncate(renderer.Render($"slack/{name}.sbn", model, SlackMrkdwnEscaper.Instance), SlackText.SectionText);
}
