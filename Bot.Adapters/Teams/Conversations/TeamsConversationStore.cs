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
