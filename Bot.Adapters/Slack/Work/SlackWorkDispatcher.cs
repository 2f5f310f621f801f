using AccessBot.Adapters.Slack.Api;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Inbound;
using AccessBot.Adapters.Slack.Interactions;
using AccessBot.Adapters.Slack.Text;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Slack.Work;

/// <summary>
/// Sends each kind of work to the class that does it. When that fails (database down, Slack error) the person is told
/// so instead of waiting for an answer that never comes; the failure itself is re-thrown for the worker to log.
/// </summary>
public sealed class SlackWorkDispatcher(
    SlackCommandProcessor commands,
    SlackActionProcessor actions,
    SlackFormProcessor forms,
    SlackResponder responder,
    SlackMessages messages,
    ILogger<SlackWorkDispatcher> logger)
{
    /// <summary>Set on an exception once it has been logged with its reference, so the worker does not log it twice.</summary>
    public const string LoggedKey = "AccessBot.Slack.Logged";

    public async Task RunAsync(SlackWork work, CancellationToken ct)
    {
        try
        {
            await (work switch
            {
                SlackWork.Command c => commands.RunAsync(c.Slash, c.Parsed, ct),
                SlackWork.Action a => actions.RunAsync(a.Interaction, a.Clicked, ct),
                SlackWork.SubmitForm s => forms.SubmitAsync(s.Interaction, s.Input, ct),
                SlackWork.DenyForm d => forms.DenyAsync(d.Interaction, d.Input, ct),
                _ => throw new InvalidOperationException($"Unknown Slack work {work.Kind}."),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not SlackRateLimitedException { Method: "response_url" })
        {
            var reference = Guid.NewGuid().ToString("N")[..8];
            Log.WorkFailed(logger, work.Kind, reference, e);
            e.Data[LoggedKey] = true;
            await TellAsync(work, reference, ct);
            throw;
        }
    }

    private async Task TellAsync(SlackWork work, string reference, CancellationToken ct)
    {
        var (url, channel, user) = work switch
        {
            SlackWork.Command c => (c.Slash.ResponseUrl, c.Slash.ChannelId, c.Slash.UserId),
            SlackWork.Action a => (a.Interaction.ResponseUrl, a.Interaction.ChannelId, a.Interaction.UserId),
            SlackWork.SubmitForm s => (s.Input.ResponseUrl, s.Input.ChannelId, s.Interaction.UserId),
            SlackWork.DenyForm d => (d.Input.ResponseUrl, d.Input.ChannelId, d.Interaction.UserId),
            _ => ((Uri?)null, (string?)null, ""),
        };
        if (string.IsNullOrEmpty(user)) return;
        try
        {
            // The reference is in the log line above, so an admin can find what the person saw.
            await responder.ReplyAsync(url, channel, user, messages.Failed(reference), ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // Slack itself is the problem: nothing more can be said to the person.
        }
    }
}
