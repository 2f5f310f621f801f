using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Slack.Commands;

/// <summary>What the slash-command text asks for. Texts are raw (canonicalised) user input: escape when echoing.</summary>
public abstract record ParsedCommand
{
    private ParsedCommand() { }

    /// <param name="Problem">What was wrong, as a key <c>slack/help.sbn</c> words (one of the constants below), or null.</param>
    public sealed record Help(string? Problem = null) : ParsedCommand
    {
        public const string RevokeUsage = "revoke_usage";
        public const string ExtendUsage = "extend_usage";
        public const string RequestIncomplete = "request_incomplete";
    }

    public sealed record Request(string Resource, TimeSpan Duration, string? Reason) : ParsedCommand;

    /// <summary>A <c>request</c> that lacks or garbles something: opens the request modal pre-filled with what was understood.</summary>
    public sealed record RequestForm(string? Resource, string? Duration, string? Reason) : ParsedCommand;

    public sealed record List : ParsedCommand;

    public sealed record Pending : ParsedCommand;

    public sealed record Resources : ParsedCommand;

    public sealed record Revoke(RequestId Id, string? Reason) : ParsedCommand;

    public sealed record Extend(RequestId Id, TimeSpan Duration, string? Reason) : ParsedCommand;
}
