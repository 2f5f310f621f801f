namespace AccessBot.Adapters.Teams.Protocol;

/// <summary>What the connector answers to a send, reply or update.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>Body of <c>POST v3/conversations</c> (teams.md §2.4).</summary>
public sealed record ConversationParameters
{
    public bool IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount>? Members { get; init; }
    public string? TenantId { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public Activity? Activity { get; init; }
}

public sealed record ConversationResourceResponse(string? Id, string? ActivityId = null, string? ServiceUrl = null);

/// <summary>A member as <c>GET v3/conversations/{id}/members/{userId}</c> returns it.</summary>
public sealed record TeamsMember(
    string? Id, string? Name = null, string? AadObjectId = null, string? Email = null, string? UserPrincipalName = null, string? TenantId = null);

/// <summary>The connector's error body: <c>{"error":{"code","message"}}</c>.</summary>
public sealed record ConnectorErrorBody(ConnectorError? Error);

public sealed record ConnectorError(string? Code, string? Message, string? SubCode = null);
