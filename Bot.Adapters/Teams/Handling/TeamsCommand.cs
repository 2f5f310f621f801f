using AccessBot.Adapters.Teams.Cards;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>A text command typed to the bot, parsed (teams.md §6).</summary>
public abstract record TeamsCommand
{
    private TeamsCommand() { }

    public sealed record Help : TeamsCommand;
    public sealed record List : TeamsCommand;
    public sealed record Pending : TeamsCommand;
    public sealed record Resources : TeamsCommand;
    public sealed record Request(string Resource, TimeSpan? Duration, string? Reason) : TeamsCommand;

    /// <summary>A bare or malformed request: show the form, with what was typed and why it was not enough.</summary>
    public sealed record RequestForm(RequestFormValues? Values, string? Error) : TeamsCommand;
    public sealed record Revoke(RequestId Id, string? Reason) : TeamsCommand;
    public sealed record Extend(RequestId Id, TimeSpan Duration, string? Reason) : TeamsCommand;
    public sealed record Cancel(RequestId Id) : TeamsCommand;
    public sealed record Release(RequestId Id) : TeamsCommand;

    /// <summary>Not understood; <see cref="Message"/> says what was wrong.</summary>
    public sealed record Invalid(string Message) : TeamsCommand;
}
