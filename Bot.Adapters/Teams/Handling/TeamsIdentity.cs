using AccessBot.Adapters.Teams.Connector;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Workflows.Identity;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>
/// Who sent an activity: the Entra object id (<c>from.aadObjectId</c>, never the display name) mapped to an email through the
/// conversation members API, then linked in the principal directory so later activities need no connector call.
/// </summary>
public sealed class TeamsIdentity(IPrincipalDirectory directory, BotConnectorClient connector)
{
    public async Task<Principal?> ResolveAsync(Activity activity, CancellationToken ct)
    {
        if (activity.From?.AadObjectId is not { Length: > 0 } aad || activity.From.Id is not { Length: > 0 } userId) return null;
        var identity = new PlatformIdentity(TeamsConversationStore.Platform, aad);
        if (await directory.FindAsync(identity, ct) is { } known) return known;
        if (activity.ServiceUrl is null || activity.Conversation?.Id is null) return null;
        var member = await connector.GetMemberAsync(activity.ServiceUrl,
            TeamsConversationReference.BaseConversationId(activity.Conversation.Id), userId, ct);
        // The profile must be the same Entra user as the activity's sender.
        if (member is null || !string.Equals(member.AadObjectId ?? aad, aad, StringComparison.OrdinalIgnoreCase)) return null;
        var email = member.Email is { Length: > 0 } m ? m : member.UserPrincipalName;
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal)) return null;
        return await directory.LinkAsync(email, member.Name ?? activity.From.Name ?? email, identity, ct);
    }
}
