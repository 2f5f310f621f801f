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
    /// <param name="asynchronousCommit">
    /// The transaction's COMMIT is not to wait for the WAL flush (<c>synchronous_commit = off</c>, for this transaction only),
    /// so the chain lock is released without waiting for the disk. Set in the lock's own statement, it costs no statement
    /// of its own. The caller must then wait for durability itself before it reports the commit (see
    /// <see cref="Persistence.DurabilityBarrier"/>).
    /// </param>
    void AddAppends(NpgsqlBatch batch, IReadOnlyList<AuditRecord> records, bool asynchronousCommit = false);
}
