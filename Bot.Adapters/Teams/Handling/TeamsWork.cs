using System.Threading.Channels;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>Work done after /api/messages has answered.</summary>
public abstract record TeamsWork
{
    private TeamsWork() { }

    /// <summary>A validated message activity: a command, or an Action.Submit click from an older client.</summary>
    public sealed record InboundMessage(Activity Activity) : TeamsWork;

    /// <summary>Update every posted copy of a request's cards, except the one the click already replaced.</summary>
    public sealed record RefreshCopies(RequestId RequestId, string? ExceptChannel, string? ExceptMessageId) : TeamsWork;
}

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
