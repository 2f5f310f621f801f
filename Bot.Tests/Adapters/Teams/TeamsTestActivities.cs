using AccessBot.Adapters.Teams.Protocol;

namespace AccessBot.Tests.Adapters.Teams;

/// <summary>Inbound activities in the documented Teams shapes (teams.md §3), for tests.</summary>
internal static class TeamsTestActivities
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string BotId = "28:" + AppId;
    public const string Tenant = "72f988bf-0000-0000-0000-000000000001";
    public const string ApprovalChannel = "19:approvals0f1e2d@thread.tacv2";

    public static Activity Personal(string serviceUrl, string text, string userId = "29:alice", string aad = "aaaaaaaa-0000-0000-0000-000000000001",
        string tenant = Tenant) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1700000000123",
        ServiceUrl = serviceUrl,
        ChannelId = "msteams",
        From = new ChannelAccount(userId, "Alice", aad),
        Recipient = new ChannelAccount(BotId, "AccessBot"),
        Conversation = new ConversationAccount($"a:personal-{userId}", "personal", tenant),
        Text = text,
        ChannelData = new TeamsChannelData { Tenant = new TenantInfo(tenant) },
    };

    public static Activity ChannelMention(string serviceUrl, string command, string userId = "29:alice", string aad = "aaaaaaaa-0000-0000-0000-000000000001") => Personal(serviceUrl, $"<at>AccessBot</at> {command}", userId, aad) with
    {
        Conversation = new ConversationAccount($"{ApprovalChannel};messageid=1700000000123", "channel", Tenant, true),
        Entities = [new Entity("mention", "<at>AccessBot</at>", new ChannelAccount(BotId, "AccessBot"))],
        ChannelData = new TeamsChannelData
        {
            Tenant = new TenantInfo(Tenant),
            Team = new TeamInfo("19:teamroot@thread.tacv2", "Ops", "bbbbbbbb-0000-0000-0000-000000000002"),
            Channel = new ChannelInfo(ApprovalChannel, "approvals"),
        },
    };
}
