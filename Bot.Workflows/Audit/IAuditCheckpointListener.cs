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

/// <summary>Ready-made, markup-safe texts (digits, hex, ISO times and plain words only) for announcing checkpoints.</summary>
public static class AuditCheckpointAnnouncement
{
    public static string Written(SignedCheckpoint checkpoint) =>
        $"Audit checkpoint: events up to #{checkpoint.Seq} sealed at {checkpoint.CreatedAtText}, " +
        $"head hash {checkpoint.HeadHash}, key {checkpoint.KeyId[..16]}.";

    public static string Refused(AuditDamage damage) =>
        $"Audit log damage found at event #{damage.Seq} ({damage.Kind}); no checkpoint was signed. Run 'audit verify' now.";
}
