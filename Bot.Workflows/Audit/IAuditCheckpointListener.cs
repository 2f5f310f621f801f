namespace AccessBot.Workflows.Audit;

/// <summary>
/// Told about checkpoints, so they can be announced in the security channel (the host wires this to the notification
/// outbox). A copy of the head hash in a chat history is one more place a rewrite cannot reach.
/// </summary>
/// <remarks>Best effort: a listener that throws is logged and does not undo the checkpoint.</remarks>
public interface IAuditCheckpointListener
{
    Task CheckpointWrittenAsync(SignedCheckpoint checkpoint, string path, CancellationToken ct);

    /// <summary>The checkpointer found the chain damaged since the last checkpoint and refused to sign it.</summary>
    Task CheckpointRefusedAsync(AuditDamage damage, CancellationToken ct);
}

/// <summary>The typed notices that announce checkpoints; the chat adapters word them from their templates.</summary>
public static class AuditCheckpointAnnouncement
{
    public static Notifications.CheckpointWritten Written(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new(checkpoint.Seq, checkpoint.CreatedAtText, checkpoint.HeadHash, checkpoint.KeyId);
    }

    public static Notifications.CheckpointRefused Refused(AuditDamage damage)
    {
        ArgumentNullException.ThrowIfNull(damage);
        return new(damage.Seq, damage.Kind.ToString());
    }
}
