using AccessBot.Adapters.Slack.Api;

namespace AccessBot.Adapters.Slack.Inbound;

/// <summary>Answers the person who acted, only to them: through the response_url when there is one, else an ephemeral message.</summary>
public sealed class SlackResponder(SlackApiClient api)
{
    public async Task ReplyAsync(Uri? responseUrl, string? channelId, string userId, string escapedText, CancellationToken ct)
    {
        var message = new SlackMessage(escapedText);
        if (responseUrl is not null)
        {
            await api.RespondAsync(responseUrl, message, replaceOriginal: false, ct);
            return;
        }
        if (!string.IsNullOrEmpty(channelId))
        {
            await api.PostEphemeralAsync(channelId, userId, message, ct);
            return;
        }
        // No channel to whisper in (e.g. a modal): a direct message always reaches the person.
        var dm = await api.OpenDirectMessageAsync(userId, ct);
        await api.PostMessageAsync(dm, message, ct);
    }
}
