using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Slack.Text;

/// <summary>
/// Every Slack text, rendered from <c>templates/slack/*.sbn</c> with model strings escaped for mrkdwn and the result cut
/// to the section limit after escaping.
/// </summary>
public sealed class SlackMessages(TemplateRenderer renderer, IPolicyProvider policy)
{
    public string Ack() => Render("ack", new { });

    /// <param name="problem">A <see cref="ParsedCommand.Help"/> problem key, worded by the template.</param>
    public string Help(string command, string? problem) =>
        Render("help", new { Command = command, Problem = problem is null ? null : new SafeText(problem) });

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

    /// <param name="code">Why the adapter refused the click (<c>unknown_action</c>, <c>message_not_ours</c>), worded by the template.</param>
    public string ClickRefused(string code) => Render("click_refused", new { Code = new SafeText(code) });

    /// <param name="list"><c>mine</c> or <c>pending</c>: the template words the heading.</param>
    public string RequestList(string list, IReadOnlyList<RequestSnapshot> requests) =>
        Render("request_list", new { List = new SafeText(list), Requests = requests.Select(View).ToList() });

    /// <summary>An error shown under a modal input, from <c>slack/form_error.sbn</c> (plain text).</summary>
    /// <param name="problem"><c>no_resource</c>, <c>bad_duration</c>, <c>too_long</c>, <c>reason_required</c> or <c>reason_too_long</c>.</param>
    public string FormError(string problem, string? max = null) =>
        renderer.Render("slack/form_error.sbn", new { Problem = new SafeText(problem), Max = max }, PlainTextEscaper.Instance);

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

    /// <summary>A typed notice (manual task, failure, checkpoint), worded by <c>slack/notices/{name}.sbn</c>.</summary>
    public string Notice(Notice notice) => Render($"notices/{notice.Name}", notice);

    /// <summary>A button, heading or modal text from <c>slack/labels.sbn</c> (plain_text: not escaped there).</summary>
    public string Label(string key, long? id = null) => renderer.Label(SlackPlatform.Name, key, PlainTextEscaper.Instance, id);

    /// <summary>The notification line of a message about <paramref name="request"/>: short, escaped, no mentions.</summary>
    public string Fallback(RequestSnapshot request, string what) =>
        SlackText.Truncate(renderer.Render("slack/fallback.sbn", new
        {
            What = new SafeText(what),
            Id = request.Id.Value,
            Requester = request.Requester.DisplayName,
            request.Resource,
            State = Label("state_" + request.State.ToDb()),
        }, SlackMrkdwnEscaper.Instance), SlackText.FallbackText);

    private RequestView View(RequestSnapshot request) => RequestView.From(request, policy.Current, key => Label(key));

    private string Render(string name, object model) =>
        SlackText.Truncate(renderer.Render($"slack/{name}.sbn", model, SlackMrkdwnEscaper.Instance), SlackText.SectionText);
}
