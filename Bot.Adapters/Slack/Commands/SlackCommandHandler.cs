using AccessBot.Adapters.Slack.Inbound;
using AccessBot.Adapters.Slack.Text;
using AccessBot.Adapters.Slack.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack.Commands;

/// <summary>
/// <c>POST /slack/commands</c>: authenticate, parse, check the workspace, queue the work and acknowledge at once with an
/// ephemeral line; the outcome follows through the response_url. Help needs nothing slow and is answered in the ack.
/// </summary>
public sealed class SlackCommandHandler(
    SlackRequestAuthenticator authenticator,
    SlackWorkQueue queue,
    SlackMessages messages,
    IOptions<SlackOptions> options,
    ILogger<SlackCommandHandler> logger)
{
    public SlackReply Handle(SlackInboundRequest request)
    {
        var form = FormBody.Parse(request.Body.Length <= SlackInboundRequest.MaxBodyBytes ? request.Body : []);
        // Slack's TLS probe is unsigned by design; it gets an empty 200 and nothing else.
        if (form.TryGetValue("ssl_check", out var ssl) && ssl == "1" && !form.ContainsKey("command")) return SlackReply.Ack;

        if (!authenticator.IsAuthentic(request)) return SlackReply.Unauthorized;

        if (SlashCommand.FromForm(form) is not { } slash)
        {
            Log.MalformedPayload(logger, "slash command without team_id or user_id");
            return SlackReply.BadRequest;
        }
        if (!string.Equals(slash.TeamId, options.Value.TeamId, StringComparison.Ordinal))
        {
            Log.WrongWorkspace(logger, slash.TeamId);
            return SlackReply.Ephemeral(messages.WrongWorkspace());
        }

        var parsed = CommandParser.Parse(slash.Text);
        if (parsed is ParsedCommand.Help help) return SlackReply.Ephemeral(messages.Help(CommandName(slash), help.Problem));

        if (!queue.TryEnqueue(new SlackWork.Command(slash, parsed)))
        {
            Log.QueueFull(logger, "command");
            return SlackReply.Ephemeral(messages.Busy());
        }
        // The request form opens as a modal; an ack line on top of it would only be noise.
        return parsed is ParsedCommand.RequestForm ? SlackReply.Ack : SlackReply.Ephemeral(messages.Ack());
    }

    private static string CommandName(SlashCommand slash) => string.IsNullOrEmpty(slash.Command) ? "/access" : slash.Command;
}
