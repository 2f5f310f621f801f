using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Connector;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Handling;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Adapters.Teams.Rendering;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Teams.Notifications;

/// <summary>
/// Delivers engine notifications to Teams: approval cards to channels (a new thread each) and people, requester updates and
/// expiry offers as personal messages, and card updates when a request changes. At-least-once safe: an approval card that
/// already exists in a conversation is updated instead of posted again, and a retried notification skips targets it reached.
/// A 403 (user blocked the bot) is recorded and not retried; throttling throws so the delivery job retries.
/// </summary>
public sealed class TeamsNotifier(
    TeamsTargets targets,
    TeamsMessenger messenger,
    IChatMessageStore messages,
    TeamsCopyRefresher refresher,
    ApprovalCardBuilder approvals,
    ApprovalCardRefresh refresh,
    ExpiringSoonCardBuilder expiring,
    TemplateRenderer templates,
    TeamsActivation activation,
    TeamsDeliveredTargets delivered,
    ILogger<TeamsNotifier> logger) : IChatNotifier
{
    public string Platform => TeamsPlatform.Name;

    public async Task DeliverAsync(ChatNotification notification, CancellationToken ct)
    {
        if (!activation.IsActive) return; // a deployment without Teams: nothing to post, nothing to warn about
        var request = notification.Request;
        switch (notification.Kind)
        {
            case NotificationKind.RequestChanged when request is not null:
                await refresher.RefreshAsync(request, null, null, ct);
                return;
            case NotificationKind.ApprovalRequested when request is not null:
                await ToEveryoneAsync(notification, TeamsCopyRefresher.ApprovalPurpose,
                    OutboundActivities.Card(await refresh.AttachAsync(approvals.Build(request), request, ct)), ct);
                return;
            case NotificationKind.Escalated when request is not null:
                var card = await refresh.AttachAsync(approvals.Build(request), request, ct);
                var notice = new TextBlock(templates.Render("teams/notice.sbn", Notice(notification), TeamsMarkdownEscaper.Card)) { Color = "Warning" };
                await ToEveryoneAsync(notification, TeamsCopyRefresher.EscalationPurpose,
                    OutboundActivities.Card(card with { Body = [notice, .. card.Body] }), ct);
                return;
            case NotificationKind.ExpiringSoon when request is not null:
                await ToEveryoneAsync(notification, TeamsCopyRefresher.ExpiringPurpose, OutboundActivities.Card(expiring.Build(request)), ct);
                return;
            case NotificationKind.RequesterUpdate when request is not null:
                var update = templates.Render("teams/requester_update.sbn", RequesterUpdates.Model(templates, request), TeamsMarkdownEscaper.Message);
                await ToEveryoneAsync(notification, "requester", OutboundActivities.Text(update), ct);
                return;
            default:
                var text = templates.Render("teams/notice.sbn", Notice(notification), TeamsMarkdownEscaper.Message);
                // A typed notice is worded by its template; text rendered elsewhere (digest, alerts) is escaped as it is.
                if (notification.Notice is { } facts)
                    text += "\n\n" + templates.Render($"teams/notices/{facts.Name}.sbn", facts, TeamsMarkdownEscaper.Message);
                else if (notification.Text is { Length: > 0 } extra)
                    text += "\n\n" + TeamsMarkdownEscaper.Message.Escape(extra);
                await ToEveryoneAsync(notification, "alert", OutboundActivities.Text(text), ct);
                return;
        }
    }

    private async Task ToEveryoneAsync(ChatNotification notification, string purpose, Activity message, CancellationToken ct)
    {
        foreach (var channel in notification.Audience.Channels)
        {
            var reference = await targets.ChannelAsync(channel, ct);
            if (reference is null) Log.NoChannelReference(logger, channel, notification.Id);
            else await ToOneAsync(notification, reference, purpose, message, ct);
        }
        foreach (var email in notification.Audience.Emails)
        {
            TeamsConversationReference? reference;
            try
            {
                reference = await targets.PersonAsync(email, ct);
            }
            catch (ConnectorException e) when (e is not ConnectorTransientException)
            {
                // Opening a personal chat was refused (blocked, not in the tenant): retrying the job would not change that.
                Log.PersonalChatRefused(logger, notification.Id, (int)e.Status, e.Code);
                continue;
            }
            if (reference is null) Log.PersonUnreachable(logger, notification.Id);
            else await ToOneAsync(notification, reference, purpose, message, ct);
        }
    }

    private async Task ToOneAsync(ChatNotification notification, TeamsConversationReference reference, string purpose, Activity message, CancellationToken ct)
    {
        if (delivered.Contains(notification.Id, reference.ConversationId)) return;
        var request = notification.Request;
        try
        {
            if (request is not null && purpose is TeamsCopyRefresher.ApprovalPurpose or TeamsCopyRefresher.EscalationPurpose
                && await ExistingAsync(request.Id, reference, purpose, ct) is { } existing)
            {
                await messenger.UpdateAsync(existing, (Cards.AdaptiveCard)message.Attachments![0].Content!, ct);
            }
            else
            {
                await messenger.PostAsync(reference, message, request?.Id, purpose, request?.Resource, ct);
            }
            delivered.Add(notification.Id, reference.ConversationId);
        }
        catch (ConnectorForbiddenException e)
        {
            // The reference is marked dead by the messenger; retrying cannot succeed.
            Log.Blocked(logger, notification.Id, e.SubCode);
        }
    }

    private async Task<PostedMessage?> ExistingAsync(RequestId id, TeamsConversationReference reference, string purpose, CancellationToken ct) =>
        (await messages.ForRequestAsync(id, TeamsPlatform.Name, ct)).FirstOrDefault(m => m.Purpose == purpose
            && TeamsConversationReference.BaseConversationId(m.Channel) == reference.ConversationId);

    private NoticeModel Notice(ChatNotification n) => n.Request is { } r
        ? new NoticeModel(n.Kind.ToString(), r.Id.Value, r.Resource, r.Requester.DisplayName, ChatDuration.Format(r.Duration),
            r.CurrentStep, r.TotalSteps, StateTexts.Of(templates, r.State))
        : new NoticeModel(n.Kind.ToString(), null, null, null, null, 0, 0, "");
}
