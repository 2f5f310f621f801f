using System.Threading.Channels;

namespace AccessBot.Adapters.Slack.Work;

/// <summary>
/// Bounded in-process queue between the endpoints (which must answer Slack within three seconds) and
/// <see cref="SlackWorker"/>. When full, the endpoint tells the person to try again instead of letting Slack time out.
/// </summary>
public sealed class SlackWorkQueue
{
    public const int Capacity = 1000;

    private readonly Channel<SlackWork> _channel = Channel.CreateBounded<SlackWork>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false });

    public bool TryEnqueue(SlackWork work) => _channel.Writer.TryWrite(work);

    public ChannelReader<SlackWork> Reader => _channel.Reader;
}
