using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Outbox;

/// <summary>Outbox log messages (event ids 1170–1179).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1170, Level = LogLevel.Debug, Message = "Dispatched {Count} outbox rows")]
    public static partial void Dispatched(ILogger logger, int count);

    [LoggerMessage(EventId = 1171, Level = LogLevel.Error, Message = "Outbox row {OutboxId} has unknown kind {Kind}; marked dispatched without a job")]
    public static partial void UnknownKind(ILogger logger, long outboxId, string kind);

    [LoggerMessage(EventId = 1172, Level = LogLevel.Warning, Message = "Outbox dispatcher failed; retrying")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1173, Level = LogLevel.Debug, Message = "Outbox dispatcher could not stop listening; its connection is discarded")]
    public static partial void UnlistenFailed(ILogger logger, Exception exception);
}
