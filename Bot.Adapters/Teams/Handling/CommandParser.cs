using System.Net;
using System.Text.RegularExpressions;
using AccessBot.Adapters.Teams.Cards;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>Turns message text into a <see cref="TeamsCommand"/>, after removing the bot's own mention.</summary>
public static partial class CommandParser
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>
    /// Removes every mention of the recipient (the bot) the way the SDK does: the entity's text, or <c>&lt;at&gt;name&lt;/at&gt;</c>
    /// when it has none. Names are taken from entities, never parsed from the text, which the sender controls.
    /// </summary>
    public static string StripBotMention(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var entity in activity.Entities ?? [])
        {
            if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase)) continue;
            if (entity.Mentioned?.Id is not { } id || !string.Equals(id, activity.Recipient?.Id, StringComparison.Ordinal)) continue;
            var markup = entity.Text ?? $"<at>{entity.Mentioned.Name}</at>";
            text = text.Replace(markup, " ", StringComparison.OrdinalIgnoreCase);
        }
        return Normalise(text);
    }

    /// <summary>Rich-text clients send entities and odd spaces: decode them and collapse whitespace.</summary>
    public static string Normalise(string text) => Whitespace().Replace(WebUtility.HtmlDecode(text).Replace('\u00a0', ' '), " ").Trim();

    public static TeamsCommand Parse(string text)
    {
        var words = Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return new TeamsCommand.Help();
        string? Rest(int from) => words.Length > from ? string.Join(' ', words[from..]) : null;
        switch (words[0].ToLowerInvariant())
        {
            case "help" or "?":
                return new TeamsCommand.Help();
            case "list":
                return new TeamsCommand.List();
            case "pending":
                return new TeamsCommand.Pending();
            case "resources":
                return new TeamsCommand.Resources();
            case "request":
                return ParseRequest(words, Rest(3));
            case "revoke":
                return WithId(words, id => new TeamsCommand.Revoke(id, Rest(2)), "revoke");
            case "cancel":
                return WithId(words, id => new TeamsCommand.Cancel(id), "cancel");
            case "release":
                return WithId(words, id => new TeamsCommand.Release(id), "release");
            case "extend":
                return WithId(words, id => words.Length > 2 && ChatDuration.TryParse(words[2], out var d)
                    ? new TeamsCommand.Extend(id, d, Rest(3))
                    : new TeamsCommand.Invalid(new TeamsProblem(TeamsProblem.Usage, "extend")), "extend");
            default:
                return new TeamsCommand.Invalid(new TeamsProblem(TeamsProblem.UnknownCommand, Truncate(words[0])));
        }
    }

    private static TeamsCommand ParseRequest(string[] words, string? reason)
    {
        if (words.Length < 2) return new TeamsCommand.RequestForm(null, null);
        var resource = words[1];
        if (words.Length < 3) return new TeamsCommand.RequestForm(new RequestFormValues(resource, null, null), new TeamsProblem(TeamsProblem.MissingDuration));
        if (!ChatDuration.TryParse(words[2], out var duration))
            return new TeamsCommand.RequestForm(new RequestFormValues(resource, null, string.Join(' ', words[2..])),
                new TeamsProblem(TeamsProblem.BadDuration, Truncate(words[2])));
        return new TeamsCommand.Request(resource, duration, reason);
    }

    private static TeamsCommand WithId(string[] words, Func<RequestId, TeamsCommand> make, string command) =>
        words.Length > 1 && RequestId.TryParse(words[1], out var id) ? make(id.Value) : new TeamsCommand.Invalid(new TeamsProblem(TeamsProblem.Usage, command));

    private static string Truncate(string word) => word.Length <= 40 ? word : word[..40] + "…";
}
