namespace AccessBot.Adapters.Teams.Conversations;

/// <summary>
/// Permalinks to messages (teams.md §5.2). Channel and group-chat messages have one; a 1:1 chat with the bot (<c>a:…</c>) has
/// none the deep-link format accepts, so null is returned there.
/// </summary>
public static class TeamsDeepLinks
{
    /// <param name="conversationId">Where the message is: a channel, a channel thread (<c>…;messageid=root</c>) or a chat.</param>
    public static string? ForMessage(TeamsConversationReference reference, string conversationId, string messageId)
    {
        var baseId = TeamsConversationReference.BaseConversationId(conversationId);
        if (!baseId.StartsWith("19:", StringComparison.Ordinal)) return null;
        Func<string, string> e = Uri.EscapeDataString;
        var path = $"https://teams.microsoft.com/l/message/{e(baseId)}/{e(messageId)}";
        if (string.Equals(reference.ConversationType, "channel", StringComparison.OrdinalIgnoreCase) || reference.TeamId is not null)
        {
            var rootIndex = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
            var parent = rootIndex < 0 ? messageId : conversationId[(rootIndex + ";messageid=".Length)..];
            var query = new List<string>();
            if (reference.TenantId is { } tenant) query.Add("tenantId=" + e(tenant));
            if (reference.AadGroupId is { } group) query.Add("groupId=" + e(group));
            query.Add("parentMessageId=" + e(parent));
            if (reference.TeamName is { } team) query.Add("teamName=" + e(team));
            if (reference.ChannelName is { } channel) query.Add("channelName=" + e(channel));
            // Teams message ids are millisecond timestamps; the documented example uses the id as createdTime.
            query.Add("createdTime=" + e(messageId));
            return path + "?" + string.Join('&', query);
        }
        var chatQuery = "context=" + e("{\"contextType\":\"chat\"}");
        return reference.TenantId is { } t ? $"{path}?tenantId={e(t)}&{chatQuery}" : $"{path}?{chatQuery}";
    }
}
