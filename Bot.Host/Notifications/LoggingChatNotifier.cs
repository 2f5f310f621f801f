using AccessBot.Workflows.Notifications;

namespace AccessBot.Host.Notifications;

/// <summary>
/// The chat platform of last resort: when neither Slack nor Teams is configured, each notification becomes one
/// structured log line (kind, request id, recipients), so a local run shows what would have been posted. No request
/// text (reason, comments) is written.
/// </summary>
public sealed class LoggingChatNotifier(ILogger<LoggingChatNotifier> logger) : IChatNotifier
{
    public string Platform => "log";

    public Task DeliverAsync(ChatNotification notification, CancellationToken ct)
    {
        Log.NotificationLogged(
            logger,
            notification.Id,
            notification.Kind,
            notification.Request?.Id.ToString() ?? "none",
            string.Join(", ", notification.Audience.Emails),
            string.Join(", ", notification.Audience.Channels));
        return Task.CompletedTask;
    }
}
