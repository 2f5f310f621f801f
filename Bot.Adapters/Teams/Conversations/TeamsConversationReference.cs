using System.Text.Json;
using System.Text.Json.Nodes;
using AccessBot.Adapters.Teams.Protocol;

namespace AccessBot.Adapters.Teams.Conversations;

/// <summary>Where and how the bot can post into one Teams conversation (teams.md §5.1); stored as JSON in conversation_refs.</summary>
/// <param name="ConversationId">The conversation without any <c>;messageid=</c> thread suffix.</param>
/// <param name="Dead">The user blocked the bot (403): do not try again until they write to it.</param>
public sealed record TeamsConversationReference(
    string ServiceUrl,
    string ConversationId,
    string? ConversationType,
    string? TenantId,
    string? BotId,
    string? BotName,
    string? TeamId = null,
    string? TeamName = null,
    string? AadGroupId = null,
    string? ChannelName = null,
    string? UserId = null,
    string? AadObjectId = null,
    bool Dead = false)
{
    public bool IsPersonal => string.Equals(ConversationType, "personal", StringComparison.OrdinalIgnoreCase);

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, TeamsJson.Options)!.AsObject();

    public static TeamsConversationReference? FromJson(JsonObject json) =>
        json.Deserialize<TeamsConversationReference>(TeamsJson.Options);

    /// <summary>The reference an inbound activity proves; null when it lacks what a reply needs.</summary>
    public static TeamsConversationReference? FromActivity(Activity activity)
    {
        if (activity.ServiceUrl is not { Length: > 0 } serviceUrl || activity.Conversation?.Id is not { Length: > 0 } conversationId)
            return null;
        var personal = string.Equals(activity.Conversation.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);
        return new TeamsConversationReference(
            serviceUrl,
            BaseConversationId(conversationId),
            activity.Conversation.ConversationType,
            activity.TenantId,
            activity.Recipient?.Id,
            activity.Recipient?.Name,
            activity.ChannelData?.Team?.Id,
            activity.ChannelData?.Team?.Name,
            activity.ChannelData?.Team?.AadGroupId,
            activity.ChannelData?.Channel?.Name,
            personal ? activity.From?.Id : null,
            personal ? activity.From?.AadObjectId : null);
    }

    /// <summary>A channel thread id is <c>19:…@thread.tacv2;messageid=123</c>; the channel is the part before the suffix.</summary>
    public static string BaseConversationId(string conversationId)
    {
        var index = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return index < 0 ? conversationId : conversationId[..index];
    }
}
