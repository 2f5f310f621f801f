using System.Text.Json;
using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Workflows.Jobs;

/// <summary>
/// Delivers one "notify" piece of outbox work to every registered <see cref="IChatNotifier"/>, with the request re-read now.
/// A failing notifier makes the job fail and retry; the notification id (the outbox item id, see <see cref="OutboxItemId"/>)
/// lets notifiers ignore what they already did.
/// </summary>
public sealed class DeliverNotificationJob(
    NpgsqlDataSource dataSource,
    IAccessRequestQueries queries,
    IEnumerable<IChatNotifier> notifiers,
    ILogger<DeliverNotificationJob> logger)
{
    [AutomaticRetry(Attempts = 8)]
    public async Task RunAsync(long outboxId, CancellationToken ct)
    {
        if (await ReadAsync(outboxId, ct) is not { } notification) return;
        if (notification.Request is null && notification.Audience.Emails.Count + notification.Audience.Channels.Count == 0) return;

        var failures = new List<Exception>();
        var delivered = 0;
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.DeliverAsync(notification, ct);
                delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.NotifierFailed(logger, notifier.Platform, outboxId, e);
                failures.Add(e);
            }
        }
        if (delivered == 0 && failures.Count == 0) Log.NoNotifier(logger, outboxId);
        if (failures.Count > 0) throw new AggregateException($"{failures.Count} notifier(s) failed for notification {outboxId}.", failures);
    }

    /// <summary>The notification as stored, with the request as it is now; null when the row is not a notification.</summary>
    internal async Task<ChatNotification?> ReadAsync(long outboxId, CancellationToken ct)
    {
        long? requestId;
        JsonObject payload;
        // A single row is its own item 0; a batch row holds its items in order.
        await using (var command = dataSource.CreateCommand(
            """
            select request_id, (case when kind = 'batch' then payload -> 'items' -> @index -> 'payload' else payload end)::text
            from outbox
            where id = @id
              and case when kind = 'batch' then payload -> 'items' -> @index ->> 'kind' = 'notify' else kind = 'notify' and @index = 0 end
            """))
        {
            command.Parameters.AddWithValue("id", OutboxItemId.RowOf(outboxId));
            command.Parameters.AddWithValue("index", OutboxItemId.IndexOf(outboxId));
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            requestId = reader.IsDBNull(0) ? null : reader.GetInt64(0);
            payload = reader.IsDBNull(1) ? [] : JsonNode.Parse(reader.GetString(1)) as JsonObject ?? [];
        }
        if (!Enum.TryParse<NotificationKind>(payload["kind"]?.GetValue<string>(), out var kind))
        {
            Log.UnknownNotification(logger, outboxId);
            return null;
        }
        var audience = new NotificationAudience(Strings(payload["emails"]), Strings(payload["channels"]));
        var request = requestId is { } id ? await queries.GetAsync(new RequestId(id), ct) : null;
        return new ChatNotification(outboxId, kind, request, audience, payload["text"]?.GetValue<string>(), ReadNotice(payload["notice"], outboxId));
    }

    private Notice? ReadNotice(JsonNode? node, long outboxId)
    {
        if (node is null) return null;
        try
        {
            return Notice.FromJson(node);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // A notice this version does not know (written by a newer one): the adapters still post the kind's headline.
            Log.UnknownNotice(logger, outboxId, e);
            return null;
        }
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array
            ? [.. array.Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>())]
            : [];
}
