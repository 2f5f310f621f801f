using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Connector;
using AccessBot.Adapters.Teams.Notifications;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>Runs a typed command for a verified person and answers in the same conversation.</summary>
public sealed class TeamsCommandHandler(
    IAccessRequestService service,
    IAccessRequestQueries queries,
    IPolicyProvider policy,
    TeamsMessenger messenger,
    TemplateRenderer templates,
    RequestFormCardBuilder forms,
    ApprovalCardBuilder approvals,
    ApprovalCardRefresh refresh)
{
    public const string FormPurpose = "form";
    private const int ListLimit = 10;
    private const int PendingCards = 5;

    /// <summary>Commands that show nothing personal and change nothing: answered even before the sender is identified.</summary>
    public static bool NeedsNoIdentity(TeamsCommand command) => command is TeamsCommand.Help or TeamsCommand.Resources or TeamsCommand.Invalid;

    public async Task HandleAsync(Activity activity, Principal? principal, TeamsCommand command, string? permalink, CancellationToken ct)
    {
        if (principal is null)
        {
            if (!NeedsNoIdentity(command)) throw new ArgumentNullException(nameof(principal), "This command needs a verified sender.");
            await HandlePublicAsync(activity, command, ct);
            return;
        }
        var actor = Actor.Person(principal, TeamsPlatform.Name, permalink);
        var origin = new RequestOrigin(TeamsPlatform.Name, activity.Conversation?.Id, permalink);
        switch (command)
        {
            case TeamsCommand.Help or TeamsCommand.Resources or TeamsCommand.Invalid:
                await HandlePublicAsync(activity, command, ct);
                break;
            case TeamsCommand.List:
                var mine = await queries.ListAsync(new RequestFilter(Requester: principal.Id), ListLimit, ct);
                await ReplyTextAsync(activity, "teams/request_list.sbn", ListModel("mine", mine, false), ct);
                break;
            case TeamsCommand.Pending:
                var waiting = await queries.PendingForApproverAsync(principal, ct);
                await ReplyTextAsync(activity, "teams/request_list.sbn", ListModel("pending", waiting, true), ct);
                // The oldest few as approval cards, so they can be decided right here; they are refreshed like any other copy.
                foreach (var request in waiting.OrderBy(r => r.CreatedAt).Take(PendingCards))
                    await messenger.ReplyAsync(activity, OutboundActivities.Card(await refresh.AttachAsync(approvals.Build(request), request, ct)),
                        request.Id, TeamsCopyRefresher.ApprovalPurpose, request.Resource, ct);
                break;
            case TeamsCommand.RequestForm form:
                await ReplyFormAsync(activity, form.Values, form.Problem, null, ct);
                break;
            case TeamsCommand.Request request:
                var submitted = await service.SubmitAsync(new SubmitRequest(actor, request.Resource, request.Duration, request.Reason, origin), ct);
                await AnswerSubmitAsync(activity, submitted, new RequestFormValues(request.Resource,
                    request.Duration is { } d ? ChatDuration.Format(d) : null, request.Reason), ct);
                break;
            case TeamsCommand.Extend extend:
                var extended = await service.ExtendAsync(new ExtendRequest(extend.Id, actor, extend.Duration, extend.Reason, origin), ct);
                await AnswerSubmitAsync(activity, extended, null, ct);
                break;
            case TeamsCommand.Revoke revoke:
                await AnswerCommandAsync(activity, await service.RevokeAsync(revoke.Id, actor, revoke.Reason, ct), "Revoke", ct);
                break;
            case TeamsCommand.Cancel cancel:
                await AnswerCommandAsync(activity, await service.CancelAsync(cancel.Id, actor, ct), "Cancel", ct);
                break;
            case TeamsCommand.Release release:
                await AnswerCommandAsync(activity, await service.ReleaseAsync(release.Id, actor, ct), "Release", ct);
                break;
        }
    }

    private Task HandlePublicAsync(Activity activity, TeamsCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case TeamsCommand.Resources:
                var resources = policy.Current.Resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal)
                    .Select(r => new ListedResource(r.Name, r.Description, ChatDuration.Format(r.DefaultDuration), ChatDuration.Format(r.MaxDuration), r.ReasonRequired))
                    .ToList();
                return ReplyTextAsync(activity, "teams/resources.sbn", new ResourcesModel(resources), ct);
            case TeamsCommand.Invalid invalid:
                return ReplyTextAsync(activity, "teams/command_error.sbn", ProblemModel.Of(invalid.Problem), ct);
            default:
                return ReplyTextAsync(activity, "teams/help.sbn", new MessageModel(""), ct);
        }
    }

    public Task ReplyTextAsync(Activity activity, string template, object model, CancellationToken ct) =>
        messenger.ReplyAsync(activity, OutboundActivities.Text(templates.Render(template, model, TeamsMarkdownEscaper.Message)), null, "reply", null, ct);

    private Task ReplyFormAsync(Activity activity, RequestFormValues? values, TeamsProblem? problem, RefusalDetail? refusal, CancellationToken ct) =>
        messenger.ReplyAsync(activity, OutboundActivities.Card(forms.Build(policy.Current, values, problem, refusal)), null, FormPurpose, null, ct);

    private RefusedModel Refused(RefusalDetail detail) =>
        new(new SafeText(templates.RenderRefusal(TeamsPlatform.Name, detail, TeamsMarkdownEscaper.Message)));

    private async Task AnswerSubmitAsync(Activity activity, SubmitOutcome outcome, RequestFormValues? values, CancellationToken ct)
    {
        switch (outcome)
        {
            case SubmitOutcome.Submitted s:
                await ReplyTextAsync(activity, "teams/submitted.sbn", CardActionHandler.Submitted(templates, s.Request), ct);
                break;
            case SubmitOutcome.Refused r when values is not null:
                await ReplyFormAsync(activity, values, null, r.Detail, ct);
                break;
            case SubmitOutcome.Refused r:
                await ReplyTextAsync(activity, "teams/refused.sbn", Refused(r.Detail), ct);
                break;
            default:
                await ReplyTextAsync(activity, "teams/command_error.sbn", ProblemModel.Of(new TeamsProblem(TeamsProblem.NotFound)), ct);
                break;
        }
    }

    /// <param name="command">What was asked (Revoke, Cancel, Release): the template words the confirmation.</param>
    private Task AnswerCommandAsync(Activity activity, CommandOutcome outcome, string command, CancellationToken ct) => outcome switch
    {
        CommandOutcome.Done done => ReplyTextAsync(activity, "teams/command_result.sbn",
            new CommandResultModel(true, command, done.Request.Id.Value, done.Request.Resource, StateTexts.Of(templates, done.Request.State), null), ct),
        CommandOutcome.Refused refused => ReplyTextAsync(activity, "teams/command_result.sbn",
            new CommandResultModel(false, command, refused.Request.Id.Value, refused.Request.Resource, null, Refused(refused.Detail).Message), ct),
        _ => ReplyTextAsync(activity, "teams/command_error.sbn", ProblemModel.Of(new TeamsProblem(TeamsProblem.NotFound)), ct),
    };

    private RequestListModel ListModel(string list, IReadOnlyList<RequestSnapshot> requests, bool withRequester) =>
        new(new SafeText(list), [.. requests.Select(r => new ListedRequest(r.Id.Value, r.Resource, ChatDuration.Format(r.Duration),
            StateTexts.Of(templates, r.State), withRequester ? r.Requester.DisplayName : null, ChatDuration.Time(r.CreatedAt)))]);
}
