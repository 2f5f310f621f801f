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
    /// The same appends as batch commands, for a caller that sends them together with other statements (and its COMMIT)
    /// in one round trip: they run in the batch's transaction, in order, and take the chain lock when the server reaches
    /// them. Nothing is added when <paramref name="records"/> is empty.
    /// </summary>
    void AddAppends(NpgsqlBatch batch, IReadOnlyList<AuditRecord> records);
}
