using System.Text.Json;
using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Slack.Events;

/// <summary>
/// <c>POST /slack/events</c>: the <c>url_verification</c> handshake and event callbacks. The bot subscribes to no message
/// events; it only notes <c>app_uninstalled</c> / <c>tokens_revoked</c> loudly. Retries are de-duplicated by event id.
/// </summary>
public sealed class SlackEventHandler(
    SlackRequestAuthenticator authenticator,
    EventDeduplicator deduplicator,
    IOptions<SlackOptions> options,
    ILogger<SlackEventHandler> logger)
{
    public SlackReply Handle(SlackInboundRequest request)
    {
        if (!authenticator.IsAuthentic(request)) return SlackReply.Unauthorized;

        JsonObject? envelope;
        try
        {
            envelope = JsonNode.Parse(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            envelope = null;
        }
        if (envelope is null || Str(envelope, "type") is not { } type)
        {
            Log.MalformedPayload(logger, "event body is not a JSON object with a type");
            return SlackReply.BadRequest;
        }

        if (type == "url_verification")
            return Str(envelope, "challenge") is { Length: > 0 and <= 200 } challenge ? SlackReply.PlainText(challenge) : SlackReply.BadRequest;

        if (type != "event_callback") return SlackReply.Ack;
        if (Str(envelope, "event_id") is not { } eventId) return SlackReply.Ack;
        if (!deduplicator.FirstTime(eventId))
        {
            Log.DuplicateEvent(logger, eventId, request.RetryNum);
            return SlackReply.Ack;
        }

        var teamId = Str(envelope, "team_id");
        if (!string.Equals(teamId, options.Value.TeamId, StringComparison.Ordinal))
        {
            Log.WrongWorkspace(logger, teamId);
            return SlackReply.Ack;
        }
        if (envelope["event"] is JsonObject inner && Str(inner, "type") is "app_uninstalled" or "tokens_revoked")
            Log.InstallationEvent(logger, Str(inner, "type")!, teamId);
        return SlackReply.Ack;
    }

    private static string? Str(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
