using System.Text.Json;
using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Api;
using AccessBot.Adapters.Slack.Blocks;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack.Notifications;

/// <summary>
/// Delivers engine notifications to Slack. Each post is recorded in <c>chat_messages</c> with its permalink and audited
/// (<c>chat.posted</c>). Idempotent per notification id and destination: a delivery marker is written right after the
/// post, so a retried job resumes the bookkeeping instead of posting again. Rate limits surface as
/// <see cref="SlackRateLimitedException"/> for the delivery job to retry.
/// </summary>
public sealed class SlackNotifier(
    SlackApiClient api,
    SlackDestinations destinations,
    IChatMessageStore chatMessages,
    IConversationReferenceStore markers,
    SlackAudit audit,
    SlackCards cards,
    IOptions<SlackOptions> options,
    ILogger<SlackNotifier> logger) : IChatNotifier
{
    public string Platform => SlackPlatform.Name;

    public async Task DeliverAsync(ChatNotification notification, CancellationToken ct)
    {
        if (!options.Value.Enabled) return;   // Slack not configured: nothing to deliver to
        var request = notification.Request;
        if (notification.Kind == NotificationKind.RequestChanged)
        {
            if (request is not null) await UpdateCopiesAsync(request, ct);
            return;
        }

        (SlackMessage Message, string Purpose)? content = (notification.Kind, request) switch
        {
            (NotificationKind.ApprovalRequested, { } r) => (cards.Approval(r, escalated: false), Purposes.Approval),
            (NotificationKind.Escalated, { } r) => (cards.Approval(r, escalated: true), Purposes.Approval),
            (NotificationKind.RequesterUpdate, { } r) => (cards.RequesterUpdate(r), Purposes.Requester),
            (NotificationKind.ExpiringSoon, { } r) => (cards.ExpiringSoon(r), Purposes.Expiring),
            (NotificationKind.BreakGlass, { } r) => (cards.BreakGlass(r), Purposes.Alert),
            (NotificationKind.ManualAction, { } r) => (cards.ManualAction(r, notification.Notice, notification.Text), Purposes.Manual),
            (NotificationKind.SecurityAlert, var r) => (cards.SecurityAlert(r, notification.Notice, notification.Text), Purposes.Alert),
            _ => null,
        };
        if (content is null) return;

        foreach (var channel in await destinations.ResolveAsync(notification, ct))
        {
            try
            {
                await PostOnceAsync(notification, channel, content.Value.Message, content.Value.Purpose, ct);
            }
            catch (SlackApiException e) when (e is not SlackRateLimitedException && IsPermanent(e.Error))
            {
                // Retrying cannot fix a missing channel or a bot that was never invited; the other destinations still get theirs.
                Log.DeliveryRefused(logger, notification.Id, channel, e.Error);
            }
        }
    }

    /// <summary>Errors a retry cannot cure: the operator has to act (invite the bot, fix the channel id).</summary>
    private static bool IsPermanent(string error) => error is "channel_not_found" or "not_in_channel" or "is_archived"
        or "user_not_found" or "user_disabled" or "cannot_dm_bot" or "restricted_action" or "invalid_blocks" or "msg_too_long";

    private async Task PostOnceAsync(ChatNotification notification, string channel, SlackMessage message, string purpose, CancellationToken ct)
    {
        var key = $"delivery:{notification.Id}:{channel}";
        var marker = await markers.FindAsync(SlackPlatform.Name, key, ct);
        if (marker?["done"]?.GetValueKind() == JsonValueKind.True)
        {
            Log.AlreadyDelivered(logger, notification.Id, channel);
            return;
        }

        SlackMessageRef posted;
        if ((string?)marker?["ts"] is { } ts && (string?)marker["channel"] is { } postedChannel)
        {
            posted = new SlackMessageRef(postedChannel, ts);   // posted by an earlier attempt that stopped half-way
        }
        else
        {
            posted = await api.PostMessageAsync(channel, message, ct);
            await markers.SaveAsync(SlackPlatform.Name, key, new JsonObject { ["channel"] = posted.Channel, ["ts"] = posted.Ts }, ct);
        }

        var permalink = await api.GetPermalinkAsync(posted, ct);
        var request = notification.Request;
        await chatMessages.RecordAsync(new PostedMessage(request?.Id, SlackPlatform.Name, posted.Channel, posted.Ts, permalink, purpose), ct);
        await audit.PostedAsync(request?.Id, request?.Resource, purpose, posted.Channel, posted.Ts, permalink, notification.Id, ct);
        await markers.SaveAsync(SlackPlatform.Name, key,
            new JsonObject { ["channel"] = posted.Channel, ["ts"] = posted.Ts, ["permalink"] = permalink, ["done"] = true }, ct);
    }

    /// <summary>Every approval copy shows the request as it is now; reminders lose their buttons once the grant ends.</summary>
    private async Task UpdateCopiesAsync(RequestSnapshot request, CancellationToken ct)
    {
        foreach (var copy in await chatMessages.ForRequestAsync(request.Id, SlackPlatform.Name, ct))
        {
            SlackMessage? update = copy.Purpose switch
            {
                Purposes.Approval => cards.Approval(request, escalated: false),
                Purposes.Expiring when request.State != RequestState.Active => cards.RequesterUpdate(request),
                _ => null,
            };
            if (update is null) continue;
            try
            {
                await api.UpdateMessageAsync(new SlackMessageRef(copy.Channel, copy.MessageId), update, ct);
            }
            catch (SlackApiException e) when (e is not SlackRateLimitedException
                && e.Error is "message_not_found" or "cant_update_message" or "channel_not_found" or "edit_window_closed" or "is_archived")
            {
                // A deleted message or archived channel will not come back: retrying the job cannot help.
            }
        }
    }

    /// <summary>The <c>chat_messages.purpose</c> values this adapter writes.</summary>
    public static class Purposes
    {
        public const string Approval = "approval";
        public const string Requester = "requester";
        public const string Expiring = "expiring";
        public const string Alert = "alert";
        public const string Manual = "manual";
    }
}
