using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Slack.Commands;

/// <summary>Turns <c>/access …</c> text into a <see cref="ParsedCommand"/>. Unknown verbs get the help text.</summary>
public static class CommandParser
{
    public static ParsedCommand Parse(string text)
    {
        // Slack may deliver <, > and & entity-encoded: decode once so the engine stores what the person typed.
        var canonical = text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal).Trim();
        var head = Split(canonical, 2);
        if (head.Length == 0) return new ParsedCommand.Help();
        var rest = head.Length > 1 ? head[1] : "";

        switch (head[0].ToLowerInvariant())
        {
            case "request":
                return ParseRequest(Split(rest, 3));
            case "list":
                return new ParsedCommand.List();
            case "pending":
                return new ParsedCommand.Pending();
            case "resources":
                return new ParsedCommand.Resources();
            case "revoke":
                var revoke = Split(rest, 2);
                return revoke.Length >= 1 && RequestId.TryParse(revoke[0], out var revokeId)
                    ? new ParsedCommand.Revoke(revokeId.Value, At(revoke, 1))
                    : new ParsedCommand.Help(ParsedCommand.Help.RevokeUsage);
            case "extend":
                var extend = Split(rest, 3);
                return extend.Length >= 2 && RequestId.TryParse(extend[0], out var extendId) && SlackDuration.TryParse(extend[1], out var more)
                    ? new ParsedCommand.Extend(extendId.Value, more, At(extend, 2))
                    : new ParsedCommand.Help(ParsedCommand.Help.ExtendUsage);
            default:
                return new ParsedCommand.Help();
        }
    }

    private static ParsedCommand ParseRequest(string[] parts)
    {
        var resource = At(parts, 0);
        var durationText = At(parts, 1);
        var reason = At(parts, 2);
        return resource is not null && SlackDuration.TryParse(durationText, out var duration)
            ? new ParsedCommand.Request(resource, duration, reason)
            : new ParsedCommand.RequestForm(resource, durationText, reason);
    }

    private static string[] Split(string text, int count) =>
        text.Split((char[]?)null, count, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? At(string[] parts, int index) =>
        parts.Length > index && !string.IsNullOrWhiteSpace(parts[index]) ? parts[index] : null;
}
