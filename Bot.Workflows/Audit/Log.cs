using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Audit;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Audit checkpoint written for seq {Seq} (head {HeadHash}) at {Path}")]
    public static partial void CheckpointWritten(ILogger logger, long seq, string headHash, string path);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Audit checkpoint skipped: {Reason}")]
    public static partial void CheckpointSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Critical,
        Message = "Audit log damage at seq {Seq} ({Kind}): {Description}. No checkpoint was signed.")]
    public static partial void CheckpointRefused(ILogger logger, long seq, AuditDamageKind kind, string description);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Audit checkpoint listener {Listener} failed")]
    public static partial void ListenerFailed(ILogger logger, string listener, Exception exception);
}
