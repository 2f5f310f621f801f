using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using Npgsql;

namespace AccessBot.Adapters.Teams.Notifications;

/// <summary>Records every message the bot posts (chat_messages) and audits it (<c>chat.posted</c>) with its permalink.</summary>
public sealed class TeamsAuditTrail(IChatMessageStore messages, IAuditLog audit, NpgsqlDataSource dataSource)
{
    public async Task RecordPostAsync(PostedMessage message, string? resource, CancellationToken ct)
    {
        await messages.RecordAsync(message, ct);
        var actor = Actor.System("teams") with { Platform = TeamsPlatform.Name, Permalink = message.Permalink };
        var details = new JsonObject
        {
            ["channel"] = message.Channel, ["message_id"] = message.MessageId, ["purpose"] = message.Purpose,
        };
        await audit.AppendAsync(dataSource, new AuditRecord(actor, "chat.posted", message.RequestId, resource, details), ct);
    }

    /// <summary>A click on a card the bot never posted (or that points at another request): refused and audited.</summary>
    public Task RecordRejectedClickAsync(Actor actor, RequestId? requestId, string reason, CancellationToken ct) =>
        audit.AppendAsync(dataSource, new AuditRecord(actor, "chat.click_rejected", requestId, null, new JsonObject { ["reason"] = reason }), ct);
}
