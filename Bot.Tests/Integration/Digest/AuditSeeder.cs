using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using Npgsql;

namespace AccessBot.Tests.Integration.Digest;

/// <summary>
/// Appends audit events with a chosen time (the real log stamps them with the clock), keeping the hash chain valid so
/// the rows are exactly what the production appender would have written at that time.
/// </summary>
internal static class AuditSeeder
{
    public static async Task<long> AppendAtAsync(
        NpgsqlDataSource dataSource, DateTimeOffset at, string actor, string action, long? requestId, string? resource,
        JsonObject? details = null, string? permalink = null, string platform = "chat")
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        long prevSeq = 0;
        var prevHash = AuditCanonicalForm.Genesis;
        await using (var head = new NpgsqlCommand(
            "select seq, hash from audit_events order by seq desc limit 1 for update", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                prevSeq = reader.GetInt64(0);
                prevHash = reader.GetFieldValue<byte[]>(1);
            }
        }
        var seq = prevSeq + 1;
        var canonical = AuditCanonicalForm.CanonicalJson(details ?? new JsonObject());
        var hash = AuditCanonicalForm.ComputeHash(prevHash, seq, at, actor, platform, action, requestId, resource, canonical, permalink);
        await using var insert = new NpgsqlCommand(
            """
            insert into audit_events (seq, at, actor, platform, action, request_id, resource, details, permalink, prev_hash, hash)
            values (@seq, @at, @actor, @platform, @action, @request_id, @resource, @details::jsonb, @permalink, @prev_hash, @hash)
            """, connection, transaction);
        insert.Parameters.AddWithValue("seq", seq);
        insert.Parameters.AddWithValue("at", at.ToUniversalTime());
        insert.Parameters.AddWithValue("actor", actor);
        insert.Parameters.AddWithValue("platform", platform);
        insert.Parameters.AddWithValue("action", action);
        insert.Parameters.AddWithValue("request_id", (object?)requestId ?? DBNull.Value);
        insert.Parameters.AddWithValue("resource", (object?)resource ?? DBNull.Value);
        insert.Parameters.AddWithValue("details", canonical);
        insert.Parameters.AddWithValue("permalink", (object?)permalink ?? DBNull.Value);
        insert.Parameters.AddWithValue("prev_hash", prevHash);
        insert.Parameters.AddWithValue("hash", hash);
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return seq;
    }
}
