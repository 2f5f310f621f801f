using System.Collections.Concurrent;

namespace AccessBot.Adapters.Slack.Events;

/// <summary>
/// Remembers event ids for an hour (Slack retries within minutes), so a retried delivery
/// (<c>X-Slack-Retry-Num</c>) is acknowledged without being handled twice.
/// </summary>
public sealed class EventDeduplicator(TimeProvider time)
{
    public static readonly TimeSpan Remember = TimeSpan.FromHours(1);
    private const int SweepEvery = 256;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _calls;

    /// <summary>True the first time an id is seen within <see cref="Remember"/>.</summary>
    public bool FirstTime(string eventId)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _calls) % SweepEvery == 0)
            foreach (var (id, at) in _seen)
                if (now - at > Remember) _seen.TryRemove(id, out _);

        // The delegate that ran last is the one whose result was stored, so "first" reflects the winning write.
        var first = false;
        _seen.AddOrUpdate(eventId,
            _ =>
            {
                first = true;
                return now;
            },
            (_, previous) =>
            {
                first = now - previous > Remember;
                return first ? now : previous;
            });
        return first;
    }
}
