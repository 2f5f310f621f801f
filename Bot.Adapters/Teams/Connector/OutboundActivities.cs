using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Protocol;

namespace AccessBot.Adapters.Teams.Connector;

/// <summary>Outbound message activities: markdown text, or one Adaptive Card attachment.</summary>
public static class OutboundActivities
{
    public static Activity Text(string markdown) => new() { Type = ActivityTypes.Message, TextFormat = "markdown", Text = markdown };

    public static Activity Card(AdaptiveCard card) => new()
    {
        Type = ActivityTypes.Message,
        Attachments = [new Attachment(AdaptiveCard.ContentType, card)],
    };

    /// <summary>A reply to an inbound activity: from/recipient swapped, same conversation (teams.md §2.3).</summary>
    public static Activity ReplyTo(Activity inbound, Activity reply) => reply with
    {
        From = inbound.Recipient,
        Recipient = inbound.From,
        Conversation = inbound.Conversation,
        ReplyToId = inbound.Id,
    };
}
