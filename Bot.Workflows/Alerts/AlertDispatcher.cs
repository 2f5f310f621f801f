using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Workflows.Alerts;

/// <summary>
/// Fires an alert at most once per (rule, cause): the <c>alerts_fired</c> row is claimed in a transaction that stays open
/// while the security channel is told on every platform, and commits together with the <c>alert.fired</c> audit event.
/// A failed post rolls everything back so the next scan fires it again.
/// </summary>
public sealed class AlertDispatcher(
    NpgsqlDataSource dataSource,
    AlertRenderer renderer,
    IEnumerable<IChatNotifier> notifiers,
    IEnumerable<DigestMarkup> markups,
    IAuditLog audit,
    IOptions<AlertOptions> options,
    ILogger<AlertDispatcher> logger)
{
    private readonly IReadOnlyList<IChatNotifier> _notifiers = [.. notifiers];
    private readonly IReadOnlyList<DigestMarkup> _markups = [.. markups];

    /// <summary>True when this call fired the alert; false when it had fired before.</summary>
    public async Task<bool> FireAsync(Alert alert, AccessPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(policy);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var claim = new NpgsqlCommand(
            """
            insert into alerts_fired (rule, cause, subject, request_id, source_seq) values ($1, $2, $3, $4, $5)
            on conflict do nothing
            """, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Rule });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alert.Cause });
            claim.Parameters.Add(new NpgsqlParameter { Value = (object?)alert.Subject ?? DBNull.Value });
            claim.Parameters.Add(new NpgsqlParameter { Value = (object?)alert.RequestId ?? DBNull.Value });
            claim.Parameters.Add(new NpgsqlParameter { Value = (object?)alert.SourceSeq ?? DBNull.Value });
            if (await claim.ExecuteNonQueryAsync(ct) == 0)
            {
                Log.AlertAlreadyFired(logger, alert.Rule, alert.Cause);
                return false;
            }
        }

        var channel = options.Value.Channel ?? policy.Digest.Channel;
        var zone = DigestComposer.ZoneOf(policy);
        foreach (var notifier in ChatTargets.For(policy, channel, _notifiers))
        {
            var text = renderer.Render(alert, ChatTargets.MarkupFor(_markups, notifier.Platform, logger), zone);
            var notification = new ChatNotification(
                NotificationId(alert), NotificationKind.SecurityAlert, null, NotificationAudience.Channel(channel), text);
            await notifier.DeliverAsync(notification, ct);
        }

        var details = new JsonObject { ["rule"] = alert.Rule, ["cause"] = alert.Cause };
        if (alert.SourceSeq is { } seq) details["source_seq"] = seq;
        await audit.AppendAsync(transaction, new AuditRecord(
            Actor.System("alerts"), "alert.fired", alert.RequestId is { } id ? new RequestId(id) : null, alert.Resource, details), ct);
        await transaction.CommitAsync(ct);
        Log.AlertFired(logger, alert.Rule, alert.Cause);
        return true;
    }

    /// <summary>Stable per rule and cause (the adapters' de-duplication key), in a range apart from outbox ids and digests.</summary>
    public static long NotificationId(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"alert|{alert.Rule}|{alert.Cause}"));
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) & 0x1FFF_FFFF_FFFF_FFFFUL) | 0x2000_0000_0000_0000L;
    }
}
