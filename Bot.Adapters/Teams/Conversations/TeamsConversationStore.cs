using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Workflows.Notifications;

namespace AccessBot.Adapters.Teams.Conversations;

/// <summary>
/// Teams conversation references over the engine's store: one per conversation (key = conversation id) and, for personal
/// chats, one per user (key = <c>user:{aadObjectId}</c>) so proactive messages can reach a person.
/// </summary>
public sealed class TeamsConversationStore(IConversationReferenceStore store)
{
    public const string Platform = "teams";

    public static string UserKey(string aadObjectId) => "user:" + aadObjectId.ToLowerInvariant();

    /// <summary>Where a person was last seen outside a personal chat: enough to open one (their 29: id, tenant, service URL).</summary>
    public static string MemberKey(string aadObjectId) => "member:" + aadObjectId.ToLowerInvariant();

    /// <summary>
    /// Remembers the sender of a validated channel or group activity, so the bot can later open a personal chat with them
    /// (teams.md §2.4) even if they never wrote to it directly.
    /// </summary>
    public async Task RememberSenderAsync(Activity activity, CancellationToken ct)
    {
        if (TeamsConversationReference.FromActivity(activity) is not { IsPersonal: false } reference) return;
        if (activity.From?.AadObjectId is not { Length: > 0 } aad || activity.From.Id is not { Length: > 0 } userId) return;
        await store.SaveAsync(Platform, MemberKey(aad), (reference with { UserId = userId, AadObjectId = aad }).ToJson(), ct);
    }

    public Task<TeamsConversationReference?> FindMemberAsync(string aadObjectId, CancellationToken ct) => FindAsync(MemberKey(aadObjectId), ct);

    public async Task SaveAsync(TeamsConversationReference reference, CancellationToken ct)
    {
        await store.SaveAsync(Platform, reference.ConversationId, reference.ToJson(), ct);
        if (reference.IsPersonal && reference.AadObjectId is { Length: > 0 } aad)
            await store.SaveAsync(Platform, UserKey(aad), reference.ToJson(), ct);
    }

    public Task<TeamsConversationReference?> FindConversationAsync(string conversationId, CancellationToken ct) =>
        FindAsync(TeamsConversationReference.BaseConversationId(conversationId), ct);

    public Task<TeamsConversationReference?> FindUserAsync(string aadObjectId, CancellationToken ct) => FindAsync(UserKey(aadObjectId), ct);

    public async Task RemoveAsync(TeamsConversationReference reference, CancellationToken ct)
    {
        await store.DeleteAsync(Platform, reference.ConversationId, ct);
        if (reference.AadObjectId is { Length: > 0 } aad) await store.DeleteAsync(Platform, UserKey(aad), ct);
    }

    /// <summary>The user blocked the bot: keep the reference (for the record) but stop posting to it.</summary>
    public Task MarkDeadAsync(TeamsConversationReference reference, CancellationToken ct) => SaveAsync(reference with { Dead = true }, ct);

    private async Task<TeamsConversationReference?> FindAsync(string key, CancellationToken ct) =>
        await store.FindAsync(Platform, key, ct) is { } json ? TeamsConversationReference.FromJson(json) : null;
}
