using AccessBot.Adapters.Slack.Blocks;
using AccessBot.Adapters.Slack.Identity;
using AccessBot.Adapters.Slack.Inbound;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;

namespace AccessBot.Adapters.Slack.Interactions;

/// <summary>Modal submissions, after the modal closed: the request form and the deny comment.</summary>
public sealed class SlackFormProcessor(
    SlackIdentityResolver identities,
    IAccessRequestService requests,
    SlackActionProcessor actions,
    SlackAudit audit,
    SlackMessages messages,
    SlackResponder responder)
{
    public async Task SubmitAsync(Interaction submission, RequestFormInput input, CancellationToken ct)
    {
        var principal = await identities.ResolveAsync(submission.UserId, ct);
        if (principal is null)
        {
            await responder.ReplyAsync(input.ResponseUrl, input.ChannelId, submission.UserId, messages.NoIdentity(), ct);
            return;
        }
        var outcome = await requests.SubmitAsync(new SubmitRequest(Actor.Person(principal, SlackPlatform.Name), input.Resource,
            input.Duration, input.Reason, new RequestOrigin(SlackPlatform.Name, input.ChannelId, null)), ct);
        var answer = outcome switch
        {
            SubmitOutcome.Submitted s => messages.Submitted(s.Request),
            SubmitOutcome.Refused r => messages.Refused(r.Detail),
            _ => messages.NotFound(null),
        };
        await responder.ReplyAsync(input.ResponseUrl, input.ChannelId, submission.UserId, answer, ct);
    }

    public async Task DenyAsync(Interaction submission, DenyFormInput input, CancellationToken ct)
    {
        // Same checks as a click: the modal only remembers which message was clicked.
        var click = submission with { ChannelId = input.ChannelId, MessageTs = input.MessageTs, IsEphemeral = false, ResponseUrl = input.ResponseUrl };
        var message = await actions.CheckMessageAsync(click, input.RequestId, ct);
        var principal = message is null ? null : await identities.ResolveAsync(submission.UserId, ct);
        if (message is null || principal is null)
        {
            var code = message is null ? "message_not_ours" : "no_identity";
            await audit.ClickRefusedAsync(null, submission.UserId, ActionIds.Deny, input.RequestId, code, input.ChannelId, input.MessageTs,
                message?.Permalink, ct);
            await responder.ReplyAsync(input.ResponseUrl, input.ChannelId, submission.UserId,
                message is null ? messages.ClickRefused(code) : messages.NoIdentity(), ct);
            return;
        }

        var actor = Actor.Person(principal, SlackPlatform.Name, message.Permalink);
        var outcome = await requests.DecideAsync(new DecideRequest(input.RequestId, actor, false, input.Comment), ct);
        var answer = outcome switch
        {
            DecisionOutcome.Recorded r => messages.Decided(r.Request, false),
            DecisionOutcome.AlreadyClosed c => messages.AlreadyClosed(c.Request),
            DecisionOutcome.Refused r => messages.Refused(r.Detail),
            _ => messages.NotFound(input.RequestId),
        };
        await responder.ReplyAsync(input.ResponseUrl, input.ChannelId, submission.UserId, answer, ct);
    }
}
