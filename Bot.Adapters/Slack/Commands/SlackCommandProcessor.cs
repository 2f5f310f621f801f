using AccessBot.Adapters.Slack.Api;
using AccessBot.Adapters.Slack.Blocks;
using AccessBot.Adapters.Slack.Identity;
using AccessBot.Adapters.Slack.Inbound;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Adapters.Slack.Commands;

/// <summary>The slow half of a slash command, run after Slack was acknowledged; the answer goes to the command's response_url.</summary>
public sealed class SlackCommandProcessor(
    SlackApiClient api,
    SlackIdentityResolver identities,
    IAccessRequestService requests,
    IAccessRequestQueries queries,
    IPolicyProvider policy,
    SlackMessages messages,
    SlackResponder responder)
{
    private const int ListLimit = 15;

    public async Task RunAsync(SlashCommand slash, ParsedCommand parsed, CancellationToken ct)
    {
        // The trigger id lives about three seconds: open the modal before anything slow.
        if (parsed is ParsedCommand.RequestForm form && slash.TriggerId is { } trigger)
        {
            await api.OpenViewAsync(trigger, Modals.RequestForm(messages, policy.Current, form, slash.ResponseUrl, slash.ChannelId), ct);
            return;
        }

        var principal = await identities.ResolveAsync(slash.UserId, ct);
        if (principal is null)
        {
            await responder.ReplyAsync(slash.ResponseUrl, slash.ChannelId, slash.UserId, messages.NoIdentity(), ct);
            return;
        }

        var actor = Actor.Person(principal, SlackPlatform.Name);
        var origin = new RequestOrigin(SlackPlatform.Name, slash.ChannelId, null);
        var answer = parsed switch
        {
            ParsedCommand.Request r => Render(await requests.SubmitAsync(new SubmitRequest(actor, r.Resource, r.Duration, r.Reason, origin), ct), null),
            ParsedCommand.RequestForm => messages.Help(slash.Command, ParsedCommand.Help.RequestIncomplete),
            ParsedCommand.List => messages.RequestList("mine",
                await queries.ListAsync(new RequestFilter(Requester: principal.Id), ListLimit, ct)),
            ParsedCommand.Pending => messages.RequestList("pending", await queries.PendingForApproverAsync(principal, ct)),
            ParsedCommand.Resources => messages.Resources(policy.Current),
            ParsedCommand.Revoke v => Render(await requests.RevokeAsync(v.Id, actor, v.Reason, ct), v.Id),
            ParsedCommand.Extend e => Render(await requests.ExtendAsync(new ExtendRequest(e.Id, actor, e.Duration, e.Reason, origin), ct), e.Id),
            ParsedCommand.Help h => messages.Help(slash.Command, h.Problem),
            _ => messages.Help(slash.Command, null),
        };
        await responder.ReplyAsync(slash.ResponseUrl, slash.ChannelId, slash.UserId, answer, ct);
    }

    private string Render(SubmitOutcome outcome, RequestId? id) => outcome switch
    {
        SubmitOutcome.Submitted s => messages.Submitted(s.Request),
        SubmitOutcome.Refused r => messages.Refused(r.Detail),
        _ => messages.NotFound(id),
    };

    private string Render(CommandOutcome outcome, RequestId id) => outcome switch
    {
        CommandOutcome.Done d => messages.Done(d.Request),
        CommandOutcome.Refused r => messages.Refused(r.Detail),
        _ => messages.NotFound(id),
    };
}
