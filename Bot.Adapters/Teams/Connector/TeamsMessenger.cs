using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Notifications;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;

namespace AccessBot.Adapters.Teams.Connector;

/// <summary>Posting, replying and updating, with every posted card recorded (chat_messages) and audited with its permalink.</summary>
public sealed class TeamsMessenger(BotConnectorClient connector, TeamsConversationStore conversations, TeamsAuditTrail trail, TimeProvider time)
{
    /// <summary>Replies in the inbound activity's conversation; a card is recorded so its clicks are recognised later.</summary>
    public async Task ReplyAsync(Activity inbound, Activity reply, RequestId? requestId, string purpose, string? resource, CancellationToken ct)
    {
        var conversationId = inbound.Conversation!.Id!;
        // The command already ran; only the reply is retried when throttled, never the command.
        var response = await TransientRetry.RunAsync(() => connector.ReplyAsync(inbound.ServiceUrl!, conversationId, inbound.Id ?? "",
            OutboundActivities.ReplyTo(inbound, reply), ct), time, ct);
        if (reply.Attachments is not { Count: > 0 } || response?.Id is not { Length: > 0 } messageId) return;
        var reference = TeamsConversationReference.FromActivity(inbound)!;
        await trail.RecordPostAsync(new PostedMessage(requestId, TeamsPlatform.Name, conversationId, messageId,
            TeamsDeepLinks.ForMessage(reference, conversationId, messageId), purpose), resource, ct);
    }

    /// <summary>
    /// A proactive post: a new thread in a channel (create-conversation), or a message in a personal chat. Returns the record
    /// of the post; a 403 marks the reference dead and rethrows.
    /// </summary>
    public async Task<PostedMessage> PostAsync(
        TeamsConversationReference reference, Activity message, RequestId? requestId, string purpose, string? resource, CancellationToken ct)
    {
        string conversationId, messageId;
        try
        {
            if (reference.IsPersonal || reference.ConversationId.StartsWith("a:", StringComparison.Ordinal))
            {
                conversationId = reference.ConversationId;
                var sent = await connector.SendAsync(reference.ServiceUrl, conversationId, message with
                {
                    From = new ChannelAccount(reference.BotId, reference.BotName),
                    Conversation = new ConversationAccount(conversationId),
                }, ct);
                messageId = sent.Id ?? throw new ConnectorException(System.Net.HttpStatusCode.OK, null, "Send returned no id.");
            }
            else
            {
                var created = await connector.CreateConversationAsync(reference.ServiceUrl, new ConversationParameters
                {
                    IsGroup = true,
                    TenantId = reference.TenantId,
                    ChannelData = new TeamsChannelData
                    {
                        Channel = new ChannelInfo(reference.ConversationId),
                        Tenant = reference.TenantId is null ? null : new TenantInfo(reference.TenantId),
                    },
                    Activity = message,
                }, ct);
                conversationId = created.Id ?? reference.ConversationId;
                messageId = created.ActivityId ?? throw new ConnectorException(System.Net.HttpStatusCode.OK, null, "Create conversation returned no activity id.");
            }
        }
        catch (ConnectorForbiddenException)
        {
            await conversations.MarkDeadAsync(reference, ct);
            throw;
        }
        var posted = new PostedMessage(requestId, TeamsPlatform.Name, conversationId, messageId,
            TeamsDeepLinks.ForMessage(reference, conversationId, messageId), purpose);
        await trail.RecordPostAsync(posted, resource, ct);
        return posted;
    }

    /// <summary>Opens (or gets back) the 1:1 chat with a person seen elsewhere: their 29: id and the tenant (teams.md §2.4).</summary>
    public async Task<TeamsConversationReference> OpenPersonalAsync(TeamsConversationReference seen, CancellationToken ct)
    {
        var created = await connector.CreateConversationAsync(seen.ServiceUrl, new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount(seen.BotId, seen.BotName),
            Members = [new ChannelAccount(seen.UserId)],
            TenantId = seen.TenantId,
            ChannelData = seen.TenantId is null ? null : new TeamsChannelData { Tenant = new TenantInfo(seen.TenantId) },
        }, ct);
        var id = created.Id is { Length: > 0 } c ? c : throw new ConnectorException(System.Net.HttpStatusCode.OK, null, "Create conversation returned no id.");
        // The service URL stays the validated one the person was seen on, never one named in a response.
        return new TeamsConversationReference(seen.ServiceUrl, id, "personal", seen.TenantId, seen.BotId, seen.BotName,
            UserId: seen.UserId, AadObjectId: seen.AadObjectId);
    }

    /// <summary>Replaces a posted message's card (PUT, idempotent, so throttling is retried); the reference gives the service URL.</summary>
    public async Task UpdateAsync(PostedMessage message, AdaptiveCard card, CancellationToken ct)
    {
        if (await conversations.FindConversationAsync(message.Channel, ct) is not { } reference) return;
        var update = OutboundActivities.Card(card) with { Conversation = new ConversationAccount(message.Channel) };
        await TransientRetry.RunAsync(() => connector.UpdateAsync(reference.ServiceUrl, message.Channel, message.MessageId, update, ct), time, ct);
    }
}
