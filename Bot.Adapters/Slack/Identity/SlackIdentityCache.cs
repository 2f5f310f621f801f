using System.Collections.Concurrent;
using AccessBot.Workflows.Identity;

namespace AccessBot.Adapters.Slack.Identity;

/// <summary>Recently verified Slack users, kept briefly so a burst of clicks costs one <c>users.info</c> call.</summary>
public sealed class SlackIdentityCache(TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (Principal Principal, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public Principal? Find(string userId) =>
        _entries.TryGetValue(userId, out var hit) && hit.Until > time.GetUtcNow() ? hit.Principal : null;

    public void Remember(string userId, Principal principal) => _entries[userId] = (principal, time.GetUtcNow() + CacheFor);

    public void Forget(string userId) => _entries.TryRemove(userId, out _);
}
