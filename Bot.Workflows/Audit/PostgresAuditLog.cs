using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Workflows.Audit;

/// <summary>Appends to <c>audit_events</c> inside the caller's transaction; the chain head is locked until that transaction ends.</summary>
public sealed class PostgresAuditLog : IAuditLog
{
    // Transaction-scoped advisory lock key for the chain head ("AuditLog" as ASCII).
    internal const long ChainLockKey = 0x41756469744C6F67;

    public async Task<long> AppendAsync(NpgsqlTransaction transaction, AuditRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(record);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has completed.");

        long prevSeq = 0;
        var prevHash = AuditCanonicalForm.Genesis;
        DateTimeOffset at;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_advisory_xact_lock({ChainLockKey})"));
            // clock_timestamp(), read after the lock, keeps `at` in sequence order; truncated to PostgreSQL's precision.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "select h.seq, h.hash, date_trunc('microseconds', clock_timestamp()) " +
                "from (select 1) one left join lateral (select seq, hash from audit_events order by seq desc limit 1) h on true"));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            if (!reader.IsDBNull(0))
            {
                prevSeq = reader.GetInt64(0);
                prevHash = reader.GetFieldValue<byte[]>(1);
            }
            at = reader.GetFieldValue<DateTimeOffset>(2);
        }

        var seq = prevSeq + 1;
        var actor = record.Actor.Name;
        var platform = record.Actor.Platform;
        var details = AuditCanonicalForm.CanonicalJson(record.Details ?? new JsonObject());
        long? requestId = record.RequestId?.Value;
        var hash = AuditCanonicalForm.ComputeHash(
            prevHash, seq, at, actor, platform, record.Action, requestId, record.Resource, details, record.Actor.Permalink);

        await using var insert = new NpgsqlCommand(
            """
            insert into audit_events (seq, at, actor, platform, action, request_id, resource, details, permalink, prev_hash, hash)
            values (@seq, @at, @actor, @platform, @action, @request_id, @resource, @details, @permalink, @prev_hash, @hash)
            """, connection, transaction);
        insert.Parameters.AddWithValue("seq", seq);
        insert.Parameters.AddWithValue("at", at);
        insert.Parameters.AddWithValue("actor", actor);
        insert.Parameters.AddWithValue("platform", platform);
        insert.Parameters.AddWithValue("action", record.Action);
        insert.Parameters.Add(new NpgsqlParameter<long?>("request_id", NpgsqlDbType.Bigint) { TypedValue = requestId });
        insert.Parameters.Add(new NpgsqlParameter<string?>("resource", NpgsqlDbType.Text) { TypedValue = record.Resource });
        insert.Parameters.Add(new NpgsqlParameter<string>("details", NpgsqlDbType.Jsonb) { TypedValue = details });
        insert.Parameters.Add(new NpgsqlParameter<string?>("permalink", NpgsqlDbType.Text) { TypedValue = record.Actor.Permalink });
        insert.Parameters.AddWithValue("prev_hash", prevHash);
        insert.Parameters.AddWithValue("hash", hash);
        await insert.ExecuteNonQueryAsync(ct);
        return seq;
    }
}
