namespace AccessBot.Adapters.Slack.Api;

/// <summary>The parts of <c>users.info</c> the bot uses. <see cref="Email"/> needs the <c>users:read.email</c> scope and may be absent.</summary>
public sealed record SlackUser(string Id, string? TeamId, string? Email, string DisplayName, bool Deleted, bool IsBot);

/// <summary>A message the bot posted: channel id and <c>ts</c> (the message id, kept as a string).</summary>
public sealed record SlackMessageRef(string Channel, string Ts);

/// <summary>A message body: the fallback <see cref="Text"/> (notifications, screen readers) and Block Kit blocks.</summary>
public sealed record SlackMessage(string Text, System.Text.Json.Nodes.JsonArray? Blocks = null);
