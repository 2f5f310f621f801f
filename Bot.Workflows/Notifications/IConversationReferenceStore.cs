using System.Text.Json.Nodes;

namespace AccessBot.Workflows.Notifications;

/// <summary>Where the bot may post on a platform (<c>conversation_refs</c>). The reference's shape is the adapter's business.</summary>
public interface IConversationReferenceStore
{
    Task SaveAsync(string platform, string key, JsonObject reference, CancellationToken ct);

    Task<JsonObject?> FindAsync(string platform, string key, CancellationToken ct);

    Task DeleteAsync(string platform, string key, CancellationToken ct);

    Task<IReadOnlyList<(string Key, JsonObject Reference)>> ListAsync(string platform, CancellationToken ct);
}
