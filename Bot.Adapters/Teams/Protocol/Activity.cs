using System.Text.Json;

namespace AccessBot.Adapters.Teams.Protocol;

/// <summary>The Bot Framework activity, limited to the fields this bot reads or writes (teams.md §3).</summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public JsonElement? Value { get; init; }
    public string? Name { get; init; }
    public string? ReplyToId { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public string? Action { get; init; }
    public string? Locale { get; init; }

    /// <summary>Teams puts the tenant in channelData; some senders copy it into the conversation (teams.md §3).</summary>
    public string? TenantId => Conversation?.TenantId ?? ChannelData?.Tenant?.Id;
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
}

public sealed record ChannelAccount(string? Id, string? Name = null, string? AadObjectId = null, string? Role = null);

public sealed record ConversationAccount(
    string? Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null, string? Name = null);

public sealed record Entity(string? Type, string? Text = null, ChannelAccount? Mentioned = null);

/// <param name="Content">An Adaptive Card record when sending; a <see cref="JsonElement"/> when received.</param>
public sealed record Attachment(string ContentType, object? Content);

public sealed record TeamsChannelData
{
    public TenantInfo? Tenant { get; init; }
    public TeamInfo? Team { get; init; }
    public ChannelInfo? Channel { get; init; }
    public string? EventType { get; init; }
    public ChannelDataSettings? Settings { get; init; }
}

public sealed record TenantInfo(string? Id);

public sealed record TeamInfo(string? Id, string? Name = null, string? AadGroupId = null);

public sealed record ChannelInfo(string? Id, string? Name = null);

public sealed record ChannelDataSettings(ChannelInfo? SelectedChannel);
