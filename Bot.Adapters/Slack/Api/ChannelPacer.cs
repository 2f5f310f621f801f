using System.Collections.Concurrent;

namespace AccessBot.Adapters.Slack.Api;

/// <summary>
/// Keeps posts to one channel about a second apart (Slack's chat.postMessage allowance), so bursts such as an approval
/// message plus its copies queue here rather than earn a 429. Each caller reserves the next free slot for its channel.
/// </summary>
public sealed class ChannelPacer(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _nextSlot = new(StringComparer.Ordinal);

    public Task WaitTurnAsync(string channel, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        DateTimeOffset slot = now;
        _nextSlot.AddOrUpdate(channel,
            _ => now + Interval,
            (_, next) =>
            {
                slot = next > now ? next : now;
                return slot + Interval;
            });
        var wait = slot - now;
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, ct);
    }
}
