namespace AccessBot.Adapters.Teams;

/// <summary>The platform label Teams uses in principals, chat_messages, conversation_refs and the audit log.</summary>
public static class TeamsPlatform
{
    public const string Name = "teams";
}
