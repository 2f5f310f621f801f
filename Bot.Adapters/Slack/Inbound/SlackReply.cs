using System.Text.Json.Nodes;

namespace AccessBot.Adapters.Slack.Inbound;

/// <summary>What the endpoint answers Slack: a status code and an optional body. The host maps it to an HTTP result.</summary>
public sealed record SlackReply(int StatusCode, string? ContentType = null, string? Body = null)
{
    /// <summary>An empty 200: the acknowledgement Slack needs within three seconds.</summary>
    public static SlackReply Ack { get; } = new(200);

    /// <summary>Opaque on purpose: the caller learns nothing about why.</summary>
    public static SlackReply Unauthorized { get; } = new(401);

    public static SlackReply TooLarge { get; } = new(413);

    public static SlackReply BadRequest { get; } = new(400);

    public static SlackReply Json(JsonNode body) => new(200, "application/json; charset=utf-8", body.ToJsonString());

    public static SlackReply PlainText(string body) => new(200, "text/plain; charset=utf-8", body);

    /// <summary>A message only the person who acted sees.</summary>
    public static SlackReply Ephemeral(string text) =>
        Json(new JsonObject { ["response_type"] = "ephemeral", ["text"] = text });
}
