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
    public sealed record RequestForm(RequestFormValues? Values, TeamsProblem? Problem) : TeamsCommand;
    public sealed record Revoke(RequestId Id, string? Reason) : TeamsCommand;
    public sealed record Extend(RequestId Id, TimeSpan Duration, string? Reason) : TeamsCommand;
    public sealed record Cancel(RequestId Id) : TeamsCommand;
    public sealed record Release(RequestId Id) : TeamsCommand;

    /// <summary>Not understood; <see cref="Problem"/> says what was wrong (worded by <c>teams/command_error.sbn</c>).</summary>
    public sealed record Invalid(TeamsProblem Problem) : TeamsCommand;
}

/// <summary>
/// Something the adapter tells a person went wrong, as a key the templates word (<c>teams/command_error.sbn</c>,
/// <c>teams/request_form.sbn</c>) and the typed value it is about (a word the person typed, a command name, a request id).
/// </summary>
public sealed record TeamsProblem(string Key, string? Value = null, long? Id = null)
{
    public const string UnknownCommand = "unknown_command";
    public const string Usage = "usage";
    public const string MissingDuration = "missing_duration";
    public const string BadDuration = "bad_duration";
    public const string NoResource = "no_resource";
    public const string NotFound = "not_found";
    public const string ForeignCard = "foreign_card";
    public const string BadExtension = "bad_extension";
    public const string UnsupportedAction = "unsupported_action";
}
