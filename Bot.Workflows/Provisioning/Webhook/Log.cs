using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Provisioning.Webhook;

internal static partial class Log
{
    [LoggerMessage(EventId = 5020, Level = LogLevel.Information,
        Message = "Webhook {Operation} for request {RequestId} on resource {Resource} accepted with HTTP {Status} (attempt {Attempt})")]
    public static partial void Accepted(ILogger logger, string operation, long requestId, string resource, int status, int attempt);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning,
        Message = "Webhook {Operation} for request {RequestId} on resource {Resource}, attempt {Attempt} failed: {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string operation, long requestId, string resource, int attempt, string reason);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning,
        Message = "Webhook {Operation} for request {RequestId} on resource {Resource} refused with HTTP {Status}")]
    public static partial void Refused(ILogger logger, string operation, long requestId, string resource, int status);
}
