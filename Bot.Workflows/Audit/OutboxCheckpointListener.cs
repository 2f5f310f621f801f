using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Policy;
using Npgsql;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// Announces checkpoints (and refusals to sign a damaged chain) in the security channel through the outbox, so the
/// announcement is delivered by the same retried job as every other notification.
/// </summary>
public sealed class OutboxCheckpointListener(NpgsqlDataSource dataSource, OutboxWriter outbox) : IAuditCheckpointListener
{
    public Task CheckpointWrittenAsync(SignedCheckpoint checkpoint, string path, CancellationToken ct) =>
        AnnounceAsync(AuditCheckpointAnnouncement.Written(checkpoint), ct);

    public Task CheckpointRefusedAsync(AuditDamage damage, CancellationToken ct) =>
        AnnounceAsync(AuditCheckpointAnnouncement.Refused(damage), ct);

    private Task<long> AnnounceAsync(Notice notice, CancellationToken ct) => outbox.WriteOutsideAsync(
        dataSource,
        OutboxWriter.NotifyItem(null, NotificationKind.SecurityAlert, NotificationAudience.Channel(ChannelPolicy.Security), notice),
        ct);
}
