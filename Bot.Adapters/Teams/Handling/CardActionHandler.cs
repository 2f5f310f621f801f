using System.Text.Json;
using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Notifications;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>
/// A click on one of the bot's cards (Action.Execute invoke, or the Action.Submit fallback). The card must be one the bot
/// posted, the data is only a pointer to a request, and the engine decides whether the clicker may act.
/// </summary>
public sealed class CardActionHandler(
    IAccessRequestService service,
    IPolicyProvider policy,
    IChatMessageStore messages,
    TeamsIdentity identity,
    TeamsAuditTrail trail,
    TeamsWorkQueue work,
    TemplateRenderer templates,
    ApprovalCardBuilder approvals,
    ApprovalCardRefresh refresh,
    ExpiringSoonCardBuilder expiring,
    RequestFormCardBuilder forms,
    TimeProvider time)
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal)
    {
        ApprovalCardBuilder.ApproveVerb, ApprovalCardBuilder.DenyVerb, ExpiringSoonCardBuilder.ExtendVerb,
        ExpiringSoonCardBuilder.ReleaseVerb, RequestFormCardBuilder.SubmitVerb,
    };

    public async Task<AdaptiveCardInvokeResponse> HandleAsync(Activity activity, string? verb, JsonElement data, CancellationToken ct)
    {
        if (verb is null || !Verbs.Contains(verb)) return AdaptiveCardInvokeResponse.BadRequest("NotSupported", "Unknown card action.");
        var conversationId = activity.Conversation?.Id ?? "";
        var posted = activity.ReplyToId is { Length: > 0 } replyTo
            ? await messages.FindAsync(TeamsPlatform.Name, conversationId, replyTo, ct)
            : null;
        if (await identity.ResolveAsync(activity, ct) is not { } principal) return Text("teams/identity_unknown.sbn", new MessageModel(""));
        var actor = Actor.Person(principal, TeamsPlatform.Name, posted?.Permalink);
        if (posted is null)
        {
            await trail.RecordRejectedClickAsync(actor, ReadRequestId(data), "card not posted by the bot", ct);
            return Problem(new TeamsProblem(TeamsProblem.ForeignCard));
        }

        if (verb == RequestFormCardBuilder.SubmitVerb && FitsCard(verb, posted.Purpose)) return await SubmitFormAsync(activity, actor, data, ct);
        if (verb == RequestFormCardBuilder.SubmitVerb || ReadRequestId(data) is not { } requestId || posted.RequestId != requestId || !FitsCard(verb, posted.Purpose))
        {
            await trail.RecordRejectedClickAsync(actor, ReadRequestId(data), "card data does not match the posted card", ct);
            return AdaptiveCardInvokeResponse.BadRequest("BadRequest", "The card's data does not match the card.");
        }
        return verb switch
        {
            ApprovalCardBuilder.ApproveVerb or ApprovalCardBuilder.DenyVerb => await DecideAsync(posted, actor, requestId,
                verb == ApprovalCardBuilder.ApproveVerb, ReadString(data, ApprovalCardBuilder.CommentInput), ct),
            ExpiringSoonCardBuilder.ReleaseVerb => Command(await service.ReleaseAsync(requestId, actor, ct)),
            _ => await ExtendAsync(activity, actor, requestId, ReadString(data, ExpiringSoonCardBuilder.DurationInput), ct),
        };
    }

    private async Task<AdaptiveCardInvokeResponse> DecideAsync(
        PostedMessage posted, Actor actor, RequestId requestId, bool approve, string? comment, CancellationToken ct)
    {
        var outcome = await service.DecideAsync(new DecideRequest(requestId, actor, approve, comment), ct);
        switch (outcome)
        {
            case DecisionOutcome.Recorded recorded:
                work.TryEnqueue(new TeamsWork.RefreshCopies(requestId, posted.Channel, posted.MessageId));
                return await CardAsync(recorded.Request, approvals.Build(recorded.Request, new CardBanner.Decided(approve, time.GetUtcNow()), withButtons: false), ct);
            case DecisionOutcome.AlreadyClosed closed:
                return await CardAsync(closed.Request, approvals.Build(closed.Request, new CardBanner.AlreadyClosed(), withButtons: false), ct);
            case DecisionOutcome.Refused refused:
                // Whatever the reason (own request, already decided, not an approver), this person cannot decide it now.
                return await CardAsync(refused.Request, approvals.Build(refused.Request, new CardBanner.Refused(refused.Detail), withButtons: false), ct);
            default:
                return Problem(new TeamsProblem(TeamsProblem.NotFound, Id: requestId.Value));
        }
    }

    // The clicker's own view keeps the refresh, so a later edit of the message re-renders it like everyone else's.
    private async Task<AdaptiveCardInvokeResponse> CardAsync(RequestSnapshot request, AdaptiveCard card, CancellationToken ct) =>
        AdaptiveCardInvokeResponse.Card(await refresh.AttachAsync(card, request, ct));

    private async Task<AdaptiveCardInvokeResponse> ExtendAsync(Activity activity, Actor actor, RequestId requestId, string? durationText, CancellationToken ct)
    {
        if (!ChatDuration.TryParse(durationText, out var duration))
            return Problem(new TeamsProblem(TeamsProblem.BadExtension));
        var origin = new RequestOrigin(TeamsPlatform.Name, activity.Conversation?.Id, actor.Permalink);
        var outcome = await service.ExtendAsync(new ExtendRequest(requestId, actor, duration, null, origin), ct);
        return outcome switch
        {
            SubmitOutcome.Submitted s => Text("teams/submitted.sbn", Submitted(templates, s.Request)),
            SubmitOutcome.Refused r => Refused(r.Detail),
            _ => Problem(new TeamsProblem(TeamsProblem.NotFound, Id: requestId.Value)),
        };
    }

    private async Task<AdaptiveCardInvokeResponse> SubmitFormAsync(Activity activity, Actor actor, JsonElement data, CancellationToken ct)
    {
        var values = new RequestFormValues(ReadString(data, RequestFormCardBuilder.ResourceInput),
            ReadString(data, RequestFormCardBuilder.DurationInput), ReadString(data, RequestFormCardBuilder.ReasonInput));
        var current = policy.Current;
        if (string.IsNullOrWhiteSpace(values.Resource))
            return AdaptiveCardInvokeResponse.Card(forms.Build(current, values, new TeamsProblem(TeamsProblem.NoResource)));
        if (!RequestFormCardBuilder.TryParseDuration(values.Duration, out var duration))
            return AdaptiveCardInvokeResponse.Card(forms.Build(current, values, new TeamsProblem(TeamsProblem.BadDuration)));
        var origin = new RequestOrigin(TeamsPlatform.Name, activity.Conversation?.Id, actor.Permalink);
        var outcome = await service.SubmitAsync(new SubmitRequest(actor, values.Resource.Trim(), duration, values.Reason?.Trim(), origin), ct);
        return outcome switch
        {
            SubmitOutcome.Submitted s => AdaptiveCardInvokeResponse.Card(new AdaptiveCard([new TextBlock(
                templates.Render("teams/submitted.sbn", Submitted(templates, s.Request), TeamsMarkdownEscaper.Card))])),
            SubmitOutcome.Refused r => AdaptiveCardInvokeResponse.Card(forms.Build(current, values, refusal: r.Detail)),
            _ => AdaptiveCardInvokeResponse.Card(forms.Build(current, values, new TeamsProblem(TeamsProblem.NotFound))),
        };
    }

    private AdaptiveCardInvokeResponse Command(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Done done => AdaptiveCardInvokeResponse.Card(expiring.Build(done.Request)),
        CommandOutcome.Refused refused => Refused(refused.Detail),
        _ => Problem(new TeamsProblem(TeamsProblem.NotFound)),
    };

    // Approve/Deny only come from approval cards, Extend/Release from expiry cards, Submit from forms: anything else is forged.
    private static bool FitsCard(string verb, string purpose) => verb switch
    {
        ApprovalCardBuilder.ApproveVerb or ApprovalCardBuilder.DenyVerb =>
            purpose is TeamsCopyRefresher.ApprovalPurpose or TeamsCopyRefresher.EscalationPurpose,
        RequestFormCardBuilder.SubmitVerb => purpose == TeamsCommandHandler.FormPurpose,
        _ => purpose == TeamsCopyRefresher.ExpiringPurpose,
    };

    internal static SubmittedModel Submitted(TemplateRenderer templates, RequestSnapshot r) =>
        new(r.Id.Value, r.Resource, ChatDuration.Format(r.Duration), StateTexts.Of(templates, r.State), r.State == RequestState.Pending);

    private AdaptiveCardInvokeResponse Problem(TeamsProblem problem) => Text("teams/command_error.sbn", ProblemModel.Of(problem));

    private AdaptiveCardInvokeResponse Refused(RefusalDetail detail) => Text("teams/refused.sbn",
        new RefusedModel(new SafeText(templates.RenderRefusal(TeamsPlatform.Name, detail, TeamsMarkdownEscaper.Card))));

    private AdaptiveCardInvokeResponse Text(string template, object model) =>
        AdaptiveCardInvokeResponse.Message(templates.Render(template, model, TeamsMarkdownEscaper.Card));

    internal static RequestId? ReadRequestId(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("requestId", out var raw)) return null;
        var text = raw.ValueKind switch { JsonValueKind.String => raw.GetString(), JsonValueKind.Number => raw.GetRawText(), _ => null };
        return RequestId.TryParse(text, out var id) ? id : null;
    }

    private static string? ReadString(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
