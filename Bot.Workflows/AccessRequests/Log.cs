using Microsoft.Extensions.Logging;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>Engine log messages (event ids 1100–1199). Ids and resource names only: never reasons, comments or secrets.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Request {RequestId} filed for {Resource} (auto-approved: {AutoApproved})")]
    public static partial void Submitted(ILogger logger, long requestId, string resource, bool autoApproved);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Break-glass request {RequestId} for {Resource}")]
    public static partial void BreakGlass(ILogger logger, long requestId, string resource);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Request {RequestId} step {Step} decided (approve: {Approved})")]
    public static partial void Decided(ILogger logger, long requestId, int step, bool approved);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Request {RequestId}: {Transition}")]
    public static partial void Transitioned(ILogger logger, long requestId, string transition);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Request {RequestId}: provisioning failed ({Permanent}), attempt {Attempt}")]
    public static partial void ProvisioningFailed(ILogger logger, long requestId, bool permanent, int attempt);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "Request {RequestId}: {Job} ran early; rescheduled")]
    public static partial void Rescheduled(ILogger logger, long requestId, string job);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Error, Message = "Request {RequestId}: no provisioner of kind {Kind} is registered")]
    public static partial void NoProvisioner(ILogger logger, long requestId, string kind);
}
