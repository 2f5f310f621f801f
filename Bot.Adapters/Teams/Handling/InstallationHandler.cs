using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Protocol;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>
/// Install and removal events (teams.md §5.1): the bot added to a team, a chat or a personal scope stores the conversation
/// reference; the bot removed deletes it.
/// </summary>
public sealed class InstallationHandler(TeamsConversationStore conversations)
{
    public async Task HandleAsync(Activity activity, CancellationToken ct)
    {
        if (TeamsConversationReference.FromActivity(activity) is not { } reference) return;
        var botId = activity.Recipient?.Id;
        bool removed = activity.Type == ActivityTypes.InstallationUpdate
            ? string.Equals(activity.Action, "remove", StringComparison.OrdinalIgnoreCase)
            : activity.MembersRemoved?.Any(m => m.Id == botId) == true;
        if (removed)
        {
            await conversations.RemoveAsync(reference, ct);
            return;
        }
        // Install in a team names the channel picked during install; store that one too.
        if (activity.ChannelData?.Settings?.SelectedChannel?.Id is { Length: > 0 } selected && selected != reference.ConversationId)
            await conversations.SaveAsync(reference with { ConversationId = selected, ConversationType = "channel" }, ct);
        await conversations.SaveAsync(reference, ct);
    }
}
