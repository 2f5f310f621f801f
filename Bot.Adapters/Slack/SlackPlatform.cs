namespace AccessBot.Adapters.Slack;

/// <summary>The platform label the engine, the audit log and <c>chat_messages</c> use for Slack.</summary>
public static class SlackPlatform
{
    public const string Name = "slack";
}
