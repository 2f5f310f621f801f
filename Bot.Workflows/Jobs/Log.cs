using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Jobs;

/// <summary>Job and outbox log messages (event ids 1150–1199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1150, Level = LogLevel.Warning, Message = "Notifier {Platform} failed for notification {OutboxId}")]
    public static partial void NotifierFailed(ILogger logger, string platform, long outboxId, Exception exception);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Warning, Message = "No chat notifier is registered; notification {OutboxId} was not delivered")]
    public static partial void NoNotifier(ILogger logger, long outboxId);

    [LoggerMessage(EventId = 1152, Level = LogLevel.Error, Message = "Outbox row {OutboxId} is not a known notification")]
    public static partial void UnknownNotification(ILogger logger, long outboxId);

    [LoggerMessage(EventId = 1155, Level = LogLevel.Warning, Message = "Notification {OutboxId} carries a notice this version cannot read; its headline is posted without it")]
    public static partial void UnknownNotice(ILogger logger, long outboxId, Exception exception);

    [LoggerMessage(EventId = 1153, Level = LogLevel.Error, Message = "Reconcile: request {RequestId} could not be handled")]
    public static partial void ReconcileFailed(ILogger logger, long requestId, Exception exception);

    [LoggerMessage(EventId = 1154, Level = LogLevel.Information, Message = "Reconcile: expired {Expired}, timed out {TimedOut}, deprovisioned {Deprovisioned}, dispatched {Dispatched}")]
    public static partial void Reconciled(ILogger logger, int expired, int timedOut, int deprovisioned, int dispatched);
}
