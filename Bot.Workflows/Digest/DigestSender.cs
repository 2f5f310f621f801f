using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Workflows.Digest;

/// <summary>
/// Posts a week's digest to the digest channel on every platform that has an address for it, at most once per
/// (week, channel, platform): the <c>digest_deliveries</c> row is claimed in a transaction that stays open while the
/// notifier is called, and commits (with a <c>digest.sent</c> audit event) only when the post succeeded. A concurrent
/// second send waits on the row and then finds it; a failed post rolls the claim back so a retry can post.
/// </summary>
public sealed class DigestSender(
    NpgsqlDataSource dataSource,
    DigestComposer composer,
    IAuditLog audit,
    ILogger<DigestSender> logger)
{
    public async Task<IReadOnlyList<DigestDelivery>> SendAsync(IsoWeek week, AccessPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var targets = composer.TargetsFor(policy);
        var channel = policy.Digest.Channel;
        if (targets.Count == 0)
        {
            Log.DigestNowhereToPost(logger, channel, week.ToString());
            return [];
        }

        var digest = await composer.BuildAsync(week, policy, ct);
        var results = new List<DigestDelivery>();
        foreach (var notifier in targets)
        {
            var notifications = composer.RenderMessages(digest, composer.MarkupFor(notifier.Platform))
                .Select((text, part) => new ChatNotification(
                    NotificationId(week, channel, part), NotificationKind.SecurityAlert, null, NotificationAudience.Channel(channel), text))
                .ToList();
            results.Add(await DeliverOnceAsync(week, channel, notifier, notifications, ct));
        }
        return results;
    }

    /// <summary>
    /// Stable per week, channel and message part (the adapters' de-duplication key), in a range outbox row ids never reach.
    /// </summary>
    public static long NotificationId(IsoWeek week, string channel, int part = 0)
    {
        var key = part == 0 ? $"digest|{week}|{channel}" : $"digest|{week}|{channel}|{part}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x4000_0000_0000_0000L;
    }

    private async Task<DigestDelivery> DeliverOnceAsync(
        IsoWeek week, string channel, IChatNotifier notifier, IReadOnlyList<ChatNotification> notifications, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var claim = new NpgsqlCommand(
            """
            insert into digest_deliveries (week, channel, platform, notification_id) values (@week, @channel, @platform, @id)
            on conflict do nothing
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("week", week.ToString());
            claim.Parameters.AddWithValue("channel", channel);
            claim.Parameters.AddWithValue("platform", notifier.Platform);
            claim.Parameters.AddWithValue("id", notifications[0].Id);
            if (await claim.ExecuteNonQueryAsync(ct) == 0)
            {
                var deliveredAt = await DeliveredAtAsync(connection, transaction, week, channel, notifier.Platform, ct);
                await transaction.RollbackAsync(ct);
                Log.DigestAlreadyPosted(logger, week.ToString(), channel, notifier.Platform, deliveredAt);
                return new DigestDelivery(notifier.Platform, channel, Posted: false, deliveredAt);
            }
        }

        foreach (var notification in notifications) await notifier.DeliverAsync(notification, ct);
        // The audit append takes the chain lock, so it comes after the (slow, remote) post, just before commit.
        await audit.AppendAsync(transaction, new AuditRecord(
            Actor.System("digest"), "digest.sent", null, null,
            new JsonObject { ["week"] = week.ToString(), ["channel"] = channel, ["platform"] = notifier.Platform }), ct);
        var at = await DeliveredAtAsync(connection, transaction, week, channel, notifier.Platform, ct);
        await transaction.CommitAsync(ct);
        Log.DigestPosted(logger, week.ToString(), channel, notifier.Platform);
        return new DigestDelivery(notifier.Platform, channel, Posted: true, at);
    }

    private static async Task<DateTimeOffset> DeliveredAtAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IsoWeek week, string channel, string platform, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand(
            "select delivered_at from digest_deliveries where week = @week and channel = @channel and platform = @platform",
            connection, transaction);
        read.Parameters.AddWithValue("week", week.ToString());
        read.Parameters.AddWithValue("channel", channel);
        read.Parameters.AddWithValue("platform", platform);
        await using var reader = await read.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? reader.GetFieldValue<DateTimeOffset>(0)
            : throw new InvalidOperationException("The digest delivery row vanished.");
    }
}

/// <summary>The outcome of posting one week's digest to one platform.</summary>
/// <param name="Posted">False when this week's digest had already been posted there.</param>
public sealed record DigestDelivery(string Platform, string Channel, bool Posted, DateTimeOffset DeliveredAt);
