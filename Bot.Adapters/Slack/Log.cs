using AccessBot.Adapters.Slack.Security;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Slack;

/// <summary>Slack adapter log lines (event ids 2000–2999). Never secrets, tokens, response URLs or request bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "SECURITY: Slack request to {Endpoint} rejected: {Reason} (remote {RemoteAddress})")]
    public static partial void SignatureRejected(ILogger logger, string endpoint, SignatureCheck reason, string? remoteAddress);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "SECURITY: Slack request to {Endpoint} refused: body larger than {Limit} bytes (remote {RemoteAddress})")]
    public static partial void BodyTooLarge(ILogger logger, string endpoint, int limit, string? remoteAddress);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "SECURITY: Slack request from workspace {TeamId} refused: not the configured workspace")]
    public static partial void WrongWorkspace(ILogger logger, string? teamId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Slack payload could not be read: {Problem}")]
    public static partial void MalformedPayload(ILogger logger, string problem);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Slack work queue is full; {Kind} refused")]
    public static partial void QueueFull(ILogger logger, string kind);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Slack work item {Kind} failed (reference {Reference})")]
    public static partial void WorkFailed(ILogger logger, string kind, string reference, Exception exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Slack user {UserId} has no usable email; command refused")]
    public static partial void NoEmail(ILogger logger, string userId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "Slack click refused: {Action} on request {RequestId} by {UserId}: {Reason}")]
    public static partial void ClickRefused(ILogger logger, string action, string? requestId, string userId, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Slack API {Method} failed: {Error}")]
    public static partial void ApiError(ILogger logger, string method, string error);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Slack API {Method} rate limited; retry after {RetryAfter}")]
    public static partial void RateLimited(ILogger logger, string method, TimeSpan retryAfter);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Slack event {EventId} (retry {RetryNum}) already handled; ignored")]
    public static partial void DuplicateEvent(ILogger logger, string eventId, string? retryNum);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Slack notification {NotificationId} to {Channel} already delivered")]
    public static partial void AlreadyDelivered(ILogger logger, long notificationId, string channel);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Slack notification {NotificationId}: no Slack destination for {Target}")]
    public static partial void NoDestination(ILogger logger, long notificationId, string target);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Slack response_url post failed with HTTP {Status}")]
    public static partial void ResponseUrlFailed(ILogger logger, int status);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "SECURITY: Slack event {EventType} received for workspace {TeamId}")]
    public static partial void InstallationEvent(ILogger logger, string eventType, string? teamId);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Error,
        Message = "Slack notification {NotificationId} could not be posted to {Channel}: {Error} (invite the bot or fix the channel id)")]
    public static partial void DeliveryRefused(ILogger logger, long notificationId, string channel, string error);
}
