using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AccessBot.Tests.Unit.Logging;

/// <summary>An event id names one kind of log line across the whole bot, so operators can filter and alert on it.</summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] BotAssemblies =
    [
        typeof(AccessBot.Workflows.Audit.AuditRecord).Assembly,
        typeof(AccessBot.Adapters.Slack.SlackOptions).Assembly,
        typeof(AccessBot.Host.Cli.Digest.DigestSendVerb).Assembly,
    ];

    [Fact]
    public void Every_log_message_has_an_event_id_no_other_message_uses()
    {
        var messages = BotAssemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.True(messages.Count > 50, $"found only {messages.Count} log messages: the scan is not reading the bot's assemblies");
        var shared = messages.GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();
        Assert.Empty(shared);
    }
}
