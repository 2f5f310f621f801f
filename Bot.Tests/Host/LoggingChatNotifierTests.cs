using AccessBot.Host.Notifications;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;

namespace AccessBot.Tests.Host;

public sealed class LoggingChatNotifierTests
{
    [Fact]
    public async Task Each_notification_is_one_line_with_kind_request_and_audience_but_no_request_text()
    {
        var logger = new ListLogger<LoggingChatNotifier>();
        var notifier = new LoggingChatNotifier(logger);
        var notification = new ChatNotification(
            41, NotificationKind.ApprovalRequested, Snapshot(812, "fix the <!channel> orders"),
            new NotificationAudience(["bob@example.com"], ["db-owners"]), Text: "preformatted secret text");

        await notifier.DeliverAsync(notification, CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(4010, entry.EventId.Id);
        Assert.Contains("ApprovalRequested", entry.Message, StringComparison.Ordinal);
        Assert.Contains("812", entry.Message, StringComparison.Ordinal);
        Assert.Contains("bob@example.com", entry.Message, StringComparison.Ordinal);
        Assert.Contains("db-owners", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("orders", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", entry.Message, StringComparison.Ordinal);
        Assert.Equal("log", notifier.Platform);
    }

    private static RequestSnapshot Snapshot(long id, string reason) => new(
        new RequestId(id),
        new Principal(new PrincipalId(Guid.NewGuid()), "alice@example.com", "Alice"),
        "prod-db", TimeSpan.FromHours(4), reason, RequestState.Pending, 1, 2, "db-owners", false, false,
        default(Sensitivity), "policy-hash", new RequestOrigin("cli", null, null),
        DateTimeOffset.UnixEpoch, null, null, null, null, 1, []);

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(EventId EventId, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((eventId, formatter(state, exception)));
    }
}
