using System.Collections.Concurrent;

namespace AccessBot.Adapters.Teams.Notifications;

/// <summary>
/// Which (notification, conversation) pairs this host has already posted, so a retried delivery job does not post a
/// second copy to a conversation it reached before failing elsewhere. One per host (a singleton), never process-wide:
/// two hosts in one process (or two databases with the same outbox ids) must not silence each other.
/// </summary>
/// <remarks>Memory only and bounded: the durable guard is the approval card already recorded in <c>chat_messages</c>.</remarks>
public sealed class TeamsDeliveredTargets
{
    private const int Bound = 10_000;
    private readonly ConcurrentDictionary<(long Notification, string Conversation), byte> _delivered = new();

    public bool Contains(long notificationId, string conversationId) => _delivered.ContainsKey((notificationId, conversationId));

    public void Add(long notificationId, string conversationId)
    {
        if (_delivered.Count > Bound) _delivered.Clear();
        _delivered.TryAdd((notificationId, conversationId), 0);
    }
}
