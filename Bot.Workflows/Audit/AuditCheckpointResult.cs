namespace AccessBot.Workflows.Audit;

/// <summary>What a checkpoint run did.</summary>
public sealed record AuditCheckpointResult(
    AuditCheckpointStatus Status,
    string Message,
    SignedCheckpoint? Checkpoint = null,
    string? Path = null,
    AuditDamage? Damage = null);

public enum AuditCheckpointStatus
{
    /// <summary>A new checkpoint file was written (and recorded as an <c>audit.checkpoint</c> event).</summary>
    Written,
    /// <summary>Nothing new since the last checkpoint; <see cref="AuditCheckpointResult.Path"/> names it.</summary>
    UpToDate,
    /// <summary>The log has no events yet.</summary>
    EmptyLog,
    /// <summary>The chain since the last checkpoint is damaged; nothing was signed.</summary>
    Refused,
}
