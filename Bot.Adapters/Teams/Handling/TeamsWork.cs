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
