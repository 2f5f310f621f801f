using AccessBot.Adapters.Slack.Api;
using AccessBot.Adapters.Slack.Blocks;
using AccessBot.Adapters.Slack.Identity;
using AccessBot.Adapters.Slack.Inbound;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Slack.Interactions;

/// <summary>
/// A button click, after the ack. The button's value is only a pointer: the message clicked must be one the bot posted
/// for that very request, the person is resolved from Slack's verified profile, and the engine authorises the action.
/// Refusals are explained to the clicker only and audited with the message's permalink.
/// </summary>
public sealed class SlackActionProcessor(
    SlackApiClient api,
    SlackIdentityResolver identities,
    IAccessRequestService requests,
    IAccessRequestQueries queries,
    IChatMessageStore chatMessages,
    SlackAudit audit,
    SlackMessages messages,
    SlackResponder responder,
    ILogger<SlackActionProcessor> logger)
{
    public async Task RunAsync(Interaction click, BlockAction action, CancellationToken ct)
    {
        RequestId? id = RequestId.TryParse(action.Value, out var parsed) ? parsed : null;
        if (!ActionIds.IsKnown(action.ActionId) || id is null)
        {
            await RefuseAsync(click, action, id, null, null, "unknown_action", null, ct);
            return;
        }

        // Deny asks for a comment first; the trigger expires in about three seconds, so the checks run on submit.
        if (action.ActionId == ActionIds.Deny && click.TriggerId is { } trigger && click.ChannelId is { } ch && click.MessageTs is { } m)
        {
            await api.OpenViewAsync(trigger, Modals.DenyForm(messages, id.Value, ch, m, click.ResponseUrl), ct);
            return;
        }

        var message = await CheckMessageAsync(click, id.Value, ct);
        if (message is null)
        {
            await RefuseAsync(click, action, id, null, null, "message_not_ours", null, ct);
            return;
        }

        var principal = await identities.ResolveAsync(click.UserId, ct);
        if (principal is null)
        {
            await RefuseAsync(click, action, id, null, message.Permalink, "no_identity", messages.NoIdentity(), ct);
            return;
        }

        var actor = Actor.Person(principal, SlackPlatform.Name, message.Permalink);
        var answer = action.ActionId switch
        {
            ActionIds.Approve => await DecideAsync(id.Value, actor, click, action, ct),
            ActionIds.Deny => await DecideAsync(id.Value, actor, click, action, ct),
            ActionIds.Cancel => await CommandAsync(await requests.CancelAsync(id.Value, actor, ct), id.Value, actor, click, action, ct),
            ActionIds.Release => await CommandAsync(await requests.ReleaseAsync(id.Value, actor, ct), id.Value, actor, click, action, ct),
            _ => await ExtendAsync(id.Value, actor, click, action, ct),
        };
        await responder.ReplyAsync(click.ResponseUrl, click.ChannelId, click.UserId, answer, ct);
    }

    /// <summary>The stored message the click came from, when it belongs to this request; null otherwise.</summary>
    internal async Task<PostedMessage?> CheckMessageAsync(Interaction click, RequestId id, CancellationToken ct)
    {
        if (click.IsEphemeral || click.ChannelId is null || click.MessageTs is null) return null;
        var message = await chatMessages.FindAsync(SlackPlatform.Name, click.ChannelId, click.MessageTs, ct);
        return message is not null && message.RequestId == id ? message : null;
    }

    private async Task<string> DecideAsync(RequestId id, Actor actor, Interaction click, BlockAction action, CancellationToken ct)
    {
        var approve = action.ActionId == ActionIds.Approve;
        return await requests.DecideAsync(new DecideRequest(id, actor, approve, null), ct) switch
        {
            DecisionOutcome.Recorded r => messages.Decided(r.Request, approve),
            DecisionOutcome.AlreadyClosed c => messages.AlreadyClosed(c.Request),
            DecisionOutcome.Refused r => await RefusedAsync(actor, click, action, id, r.Detail, ct),
            _ => messages.NotFound(id),
        };
    }

    private async Task<string> CommandAsync(CommandOutcome outcome, RequestId id, Actor actor, Interaction click, BlockAction action, CancellationToken ct) =>
        outcome switch
        {
            CommandOutcome.Done d => messages.Done(d.Request),
            CommandOutcome.Refused r => await RefusedAsync(actor, click, action, id, r.Detail, ct),
            _ => messages.NotFound(id),
        };

    private async Task<string> ExtendAsync(RequestId id, Actor actor, Interaction click, BlockAction action, CancellationToken ct)
    {
        if (await queries.GetAsync(id, ct) is not { } current) return messages.NotFound(id);
        // The Extend button asks for the same length again; other lengths go through "/access extend".
        var outcome = await requests.ExtendAsync(
            new ExtendRequest(id, actor, current.Duration, null, new RequestOrigin(SlackPlatform.Name, click.ChannelId, actor.Permalink)), ct);
        return outcome switch
        {
            SubmitOutcome.Submitted s => messages.Submitted(s.Request),
            SubmitOutcome.Refused r => await RefusedAsync(actor, click, action, id, r.Detail, ct),
            _ => messages.NotFound(id),
        };
    }

    /// <summary>Records the engine's refusal of a click (see <see cref="AuditRefusalAsync"/>) and words it.</summary>
    private async Task<string> RefusedAsync(Actor actor, Interaction click, BlockAction action, RequestId id, RefusalDetail detail, CancellationToken ct)
    {
        await AuditRefusalAsync(actor, click, action, id, detail, ct);
        return messages.Refused(detail);
    }

    /// <summary>The engine refused without changing anything, so it wrote no audit event: the click is recorded here.</summary>
    private Task AuditRefusalAsync(Actor actor, Interaction click, BlockAction action, RequestId id, RefusalDetail detail, CancellationToken ct)
    {
        Log.ClickRefused(logger, action.ActionId, id.ToString(), click.UserId, detail.Reason.ToString());
        return audit.ClickRefusedAsync(actor.Principal, click.UserId, action.ActionId, id, detail.Reason.ToString(),
            click.ChannelId, click.MessageTs, actor.Permalink, ct);
    }

    private async Task RefuseAsync(Interaction click, BlockAction action, RequestId? id, Principal? person, string? permalink,
        string code, string? answer, CancellationToken ct)
    {
        Log.ClickRefused(logger, action.ActionId.Length > 40 ? action.ActionId[..40] : action.ActionId, id?.ToString(), click.UserId, code);
        await audit.ClickRefusedAsync(person, click.UserId, ActionIds.IsKnown(action.ActionId) ? action.ActionId : "unknown",
            id, code, click.ChannelId, click.MessageTs, permalink, ct);
        await responder.ReplyAsync(click.ResponseUrl, click.ChannelId, click.UserId, answer ?? messages.ClickRefused(code), ct);
    }
}
