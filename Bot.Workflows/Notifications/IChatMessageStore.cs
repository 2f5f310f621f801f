using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Workflows.Notifications;

/// <summary>
/// The messages the bot posted for a request (<c>chat_messages</c>), so every copy can be updated when the request
/// changes, and so a click can be checked against a message the bot really posted.
/// </summary>
public interface IChatMessageStore
{
    /// <summary>Idempotent on (platform, channel, message id).</summary>
    Task RecordAsync(PostedMessage message, CancellationToken ct);

    Task<IReadOnlyList<PostedMessage>> ForRequestAsync(RequestId requestId, string platform, CancellationToken ct);

    Task<PostedMessage?> FindAsync(string platform, string channel, string messageId, CancellationToken ct);
}

/// <param name="Channel">Opaque to the engine: the adapter's channel or conversation id.</param>
/// <param name="MessageId">Opaque to the engine: the adapter's message id.</param>
/// <param name="Purpose">"approval", "requester", "alert", …</param>
public sealed record PostedMessage(RequestId? RequestId, string Platform, string Channel, string MessageId, string? Permalink, string Purpose);
