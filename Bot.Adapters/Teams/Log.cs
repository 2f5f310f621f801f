using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Teams;

/// <summary>Teams adapter log lines (event ids 3000–3099). Never pass a token or a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Security: rejected a Teams request ({Reason}); channel {ChannelId}, activity type {ActivityType}, claimed user {AadObjectId}")]
    public static partial void InboundRejected(ILogger logger, string reason, string? channelId, string? activityType, string? aadObjectId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Teams:AppId is not set: /api/messages accepts unauthenticated requests (local tools only). Never run like this in production.")]
    public static partial void AnonymousMode(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Teams accepts activities from every tenant: set Teams:AllowedTenants or Teams:TenantId to restrict them.")]
    public static partial void AnyTenant(ILogger logger);
}
