using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Teams;

/// <summary>Teams adapter log lines (event ids 3000–3099). Never pass a token or a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Security: rejected a Teams request ({Reason}); channel {ChannelId}, activity type {ActivityType}, claimed user {AadObjectId}")]
    public static partial void InboundRejected(ILogger logger, string reason, string? channelId, string? activityType, string? aadObjectId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Teams anonymous mode: /api/messages accepts unauthenticated requests (Teams:AllowAnonymous, Development only). Local tools only.")]
    public static partial void AnonymousMode(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Teams accepts activities from every tenant: set Teams:AllowedTenants or Teams:TenantId to restrict them.")]
    public static partial void AnyTenant(ILogger logger);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning,
        Message = "Bot Connector call {Method} {Operation} failed with {Status} {Code} (correlation {CorrelationId})")]
    public static partial void ConnectorFailed(ILogger logger, string method, string operation, int status, string? code, string? correlationId);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Error, Message = "Teams background work {Kind} failed")]
    public static partial void WorkFailed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning,
        Message = "Teams notification {NotificationId}: policy channel '{Channel}' has no stored Teams conversation (install the app in that channel)")]
    public static partial void NoChannelReference(ILogger logger, string channel, long notificationId);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information,
        Message = "Teams notification {NotificationId}: a recipient has no personal conversation with the bot yet; skipped")]
    public static partial void PersonUnreachable(ILogger logger, long notificationId);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Warning,
        Message = "Teams notification {NotificationId}: the recipient blocked the bot ({SubCode}); reference marked dead, not retried")]
    public static partial void Blocked(ILogger logger, long notificationId, string? subCode);

    [LoggerMessage(EventId = 3033, Level = LogLevel.Warning,
        Message = "Teams channel {ChannelId} is configured but the bot has no conversation reference for it yet: add the app to that channel")]
    public static partial void ChannelNotInstalled(ILogger logger, string channelId);

    [LoggerMessage(EventId = 3034, Level = LogLevel.Warning, Message = "Teams start-up channel check skipped ({Reason}); see /healthz")]
    public static partial void StartupCheckSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
        Message = "Teams is not configured (no Teams:AppId): /api/messages refuses every request")]
    public static partial void NotConfigured(ILogger logger);

    [LoggerMessage(EventId = 3035, Level = LogLevel.Warning,
        Message = "Teams notification {NotificationId}: opening a personal chat was refused ({Status} {Code}); recipient skipped")]
    public static partial void PersonalChatRefused(ILogger logger, long notificationId, int status, string? code);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Warning,
        Message = "Teams card refresh refused: the card was not posted by the bot or its data does not match it (sender aadObjectId {AadObjectId})")]
    public static partial void RefreshRefused(ILogger logger, string? aadObjectId);
}
