namespace AccessBot.Adapters.Slack.Commands;

/// <summary>
/// The fields of a slash-command POST this bot uses (<see href="https://api.slack.com/interactivity/slash-commands"/>).
/// <see cref="ResponseUrl"/> is a credential: it is never logged or stored.
/// </summary>
public sealed record SlashCommand(
    string TeamId,
    string? EnterpriseId,
    string ChannelId,
    string UserId,
    string Command,
    string Text,
    Uri? ResponseUrl,
    string? TriggerId)
{
    public static SlashCommand? FromForm(IReadOnlyDictionary<string, string> form)
    {
        string? Field(string name) => form.TryGetValue(name, out var v) ? v : null;
        if (Field("team_id") is not { Length: > 0 } team || Field("user_id") is not { Length: > 0 } user) return null;
        Uri? responseUrl = Uri.TryCreate(Field("response_url"), UriKind.Absolute, out var url) ? url : null;
        return new SlashCommand(team, Field("enterprise_id"), Field("channel_id") ?? "", user, Field("command") ?? "",
            Field("text") ?? "", responseUrl, Field("trigger_id"));
    }
}
