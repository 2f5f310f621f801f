using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.Provisioning.Drift;

internal static partial class Log
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning,
        Message = "Drift check skipped resource {Resource}: the target could not be read ({Reason})")]
    public static partial void TargetUnreadable(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "Shadow access on resource {Resource}: subject {Subject} holds it without an active grant")]
    public static partial void Detected(ILogger logger, string resource, string subject);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Shadow access on resource {Resource} by subject {Subject} is gone")]
    public static partial void Resolved(ILogger logger, string resource, string subject);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning,
        Message = "Revoked shadow access on resource {Resource} from subject {Subject}")]
    public static partial void Revoked(ILogger logger, string resource, string subject);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning,
        Message = "Could not revoke shadow access on resource {Resource} from subject {Subject}: {Reason}")]
    public static partial void RevokeFailed(ILogger logger, string resource, string subject, string reason);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning,
        Message = "Shadow access on resource {Resource} by subject {Subject} is not attributed to an email; it is not revoked automatically")]
    public static partial void Unattributed(ILogger logger, string resource, string subject);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Information,
        Message = "Drift check: {Checked} resource(s) checked, {Skipped} skipped, {Detected} new finding(s), {Resolved} resolved, {Revoked} revoked")]
    public static partial void Swept(ILogger logger, int @checked, int skipped, int detected, int resolved, int revoked);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Error, Message = "Drift check of resource {Resource} failed")]
    public static partial void ResourceFailed(ILogger logger, string resource, Exception exception);
}
