using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using Npgsql;

namespace AccessBot.Adapters.Slack;

/// <summary>
/// Audit events for Slack actions that change no engine state: a message posted (<c>chat.posted</c>) and a click the
/// adapter refused (<c>slack.click_refused</c>). Each carries the message permalink; details never hold user text
/// beyond ids, nor secrets.
/// </summary>
public sealed class SlackAudit(IAuditLog log, NpgsqlDataSource dataSource)
{
    public Task PostedAsync(RequestId? requestId, string? resource, string purpose, string channel, string ts, string permalink, long notificationId, CancellationToken ct) =>
        log.AppendAsync(dataSource, new AuditRecord(
            Actor.System("notify") with { Platform = SlackPlatform.Name, Permalink = permalink },
            "chat.posted",
            requestId,
            resource,
            new JsonObject { ["purpose"] = purpose, ["channel"] = channel, ["ts"] = ts, ["notification"] = notificationId }), ct);

    public Task ClickRefusedAsync(Principal? person, string slackUserId, string action, RequestId? requestId, string reason,
        string? channel, string? ts, string? permalink, CancellationToken ct)
    {
        var actor = person is null
            ? new Actor(null, $"slack:{slackUserId}", SlackPlatform.Name, permalink)
            : Actor.Person(person, SlackPlatform.Name, permalink);
        return log.AppendAsync(dataSource, new AuditRecord(actor, "slack.click_refused", requestId, null,
            new JsonObject { ["action"] = action, ["reason"] = reason, ["channel"] = channel, ["ts"] = ts }), ct);
    }
}
