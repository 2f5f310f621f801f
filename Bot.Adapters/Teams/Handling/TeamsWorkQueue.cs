using System.Threading.Channels;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>
/// The in-process queue between the endpoint and <see cref="TeamsWorkProcessor"/>. Bounded: when full, the endpoint answers
/// 503 and the connector retries, rather than the process growing without limit. Work in the queue is lost if the process
/// dies; the person sees no answer and types again, while engine notifications go through the engine's durable outbox.
/// </summary>
public sealed class TeamsWorkQueue
{
    private readonly Channel<TeamsWork> _channel = Channel.CreateBounded<TeamsWork>(new BoundedChannelOptions(1000)
    {
        FullMode = BoundedChannelFullMode.Wait, SingleReader = false,
    });

    public bool TryEnqueue(TeamsWork work) => _channel.Writer.TryWrite(work);

    public ChannelReader<TeamsWork> Reader => _channel.Reader;
}
