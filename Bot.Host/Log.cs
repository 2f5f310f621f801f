using AccessBot.Workflows.Notifications;

namespace AccessBot.Host;

/// <summary>Host log messages (event ids 4000–4999). Values of settings are never logged, only their names.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Loaded {Count} setting(s) from {Path}: {Keys}")]
    public static partial void DotEnvLoaded(ILogger logger, int count, string path, string keys);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Database migrations applied: {Migrations}")]
    public static partial void MigrationsApplied(ILogger logger, string migrations);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Database schema is current")]
    public static partial void SchemaCurrent(ILogger logger);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Hangfire storage ready in schema {Schema}")]
    public static partial void HangfireStorageReady(ILogger logger, string schema);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Critical, Message = "Start-up stopped: the database could not be prepared: {Reason}")]
    public static partial void StartupFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information,
        Message = "Notification {NotificationId} {Kind} for request {RequestId} to people [{Emails}] and channels [{Channels}] (no chat adapter configured)")]
    public static partial void NotificationLogged(
        ILogger logger, long notificationId, NotificationKind kind, string requestId, string emails, string channels);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning,
        Message = "No chat adapter is configured (Slack__SigningSecret and Slack__BotToken, or Teams__AppId): notifications are only logged")]
    public static partial void NoChatAdapter(ILogger logger);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Hangfire dashboard refused for {RemoteIp}: {Reason}")]
    public static partial void DashboardRefused(ILogger logger, string remoteIp, string reason);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Information, Message = "CLI verb {Verb} finished with exit code {ExitCode}")]
    public static partial void VerbFinished(ILogger logger, string verb, int exitCode);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Debug, Message = "CLI verb {Verb} failed")]
    public static partial void VerbFailed(ILogger logger, string verb, Exception exception);
}
