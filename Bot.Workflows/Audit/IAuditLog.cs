using Npgsql;

namespace AccessBot.Workflows.Audit;

/// <summary>The append-only, hash-chained audit log (<c>audit_events</c>).</summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends one event inside the caller's transaction, so it commits or rolls back with the state change it records.
    /// Appends are serialised by a transaction-scoped lock on the chain head; returns the new event's sequence number.
    /// </summary>
    Task<long> AppendAsync(NpgsqlTransaction transaction, AuditRecord record, CancellationToken ct);

    /// <summary>
    /// The same append as a batch command, for a caller that sends it together with other statements (and its COMMIT) in
    /// one round trip. It runs in the batch's transaction and takes the chain lock when the server reaches it.
    /// </summary>
    NpgsqlBatchCommand CreateAppendCommand(AuditRecord record);
}
