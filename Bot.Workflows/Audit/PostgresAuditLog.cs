using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// Appends to <c>audit_events</c> inside the caller's transaction: takes the chain lock (held until that transaction ends),
/// then inserts each row linked to the head it reads after the lock.
/// </summary>
/// <remarks>
/// The writer encodes the fields it knows (<see cref="AuditCanonicalForm.EncodeFieldsAfterTime"/>); the insert reads
/// the head, takes <c>at</c> from the clock after the lock, and hashes prev_hash ‖ seq ‖ at ‖ those fields in the same
/// statement, so the lock is never held across a client round trip. The lock is a statement of its own because the
/// insert's snapshot must be taken after the lock is granted, or it could miss the row its predecessor just committed.
/// </remarks>
public sealed class PostgresAuditLog : IAuditLog
{
    // Transaction-scoped advisory lock key for the chain head ("AuditLog" as ASCII).
    internal const long ChainLockKey = 0x41756469744C6F67;

    private static readonly string LockSql = $"select pg_advisory_xact_lock({ChainLockKey})";

    private static readonly string AsynchronousCommitLockSql =
        $"select set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock({ChainLockKey})";

    // seq and at are ASCII decimal, so their character length is their UTF-8 length.
    private const string InsertSql =
        """
        insert into audit_events (seq, at, actor, platform, action, request_id, resource, details, permalink, prev_hash, hash)
        select n.seq, n.at, $1, $2, $3, $4, $5, $6::jsonb, $7, n.prev_hash,
               sha256(n.prev_hash
                      || int4send(length(n.seq::text)) || convert_to(n.seq::text, 'UTF8')
                      || int4send(length(n.micros::text)) || convert_to(n.micros::text, 'UTF8')
                      || $8)
        from (select t.seq, t.prev_hash, t.at, (extract(epoch from t.at) * 1000000)::bigint as micros
              from (select coalesce(h.seq, 0) + 1 as seq,
                           coalesce(h.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) as prev_hash,
                           date_trunc('microseconds', clock_timestamp()) as at
                    from (select 1) one
                    left join lateral (select seq, hash from audit_events order by seq desc limit 1) h on true) t) n
        returning seq
        """;

    public async Task<long> AppendAsync(NpgsqlTransaction transaction, AuditRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has completed.");
        await using var batch = new NpgsqlBatch(connection, transaction);
        AddAppends(batch, [record]);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetInt64(0);
    }

    public void AddAppends(NpgsqlBatch batch, IReadOnlyList<AuditRecord> records, bool asynchronousCommit = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        // Encoded before anything is added, so a record the log refuses (e.g. U+0000 in details) leaves the batch untouched.
        var inserts = records.Select(Insert).ToList();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(asynchronousCommit ? AsynchronousCommitLockSql : LockSql));
        foreach (var insert in inserts) batch.BatchCommands.Add(insert);
    }

    private static NpgsqlBatchCommand Insert(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var details = AuditCanonicalForm.CanonicalJson(record.Details ?? new JsonObject());
        var actor = record.Actor;
        var tail = AuditCanonicalForm.EncodeFieldsAfterTime(
            actor.Name, actor.Platform, record.Action, record.RequestId?.Value, record.Resource, details, actor.Permalink);
        return new NpgsqlBatchCommand(InsertSql)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = actor.Name },
                new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = actor.Platform },
                new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = record.Action },
                new NpgsqlParameter<long?> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = record.RequestId?.Value },
                new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = record.Resource },
                new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = details },
                new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = actor.Permalink },
                new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = tail },
            },
        };
    }
}
