using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// Appends to <c>audit_events</c> inside the caller's transaction through the database function <c>audit_append</c>, which
/// locks the chain head, links and hashes the row (the encoding of <see cref="AuditCanonicalForm"/>) and inserts it. The
/// lock is held until that transaction ends.
/// </summary>
public sealed class PostgresAuditLog : IAuditLog
{
    // Transaction-scoped advisory lock key for the chain head ("AuditLog" as ASCII); audit_append uses the same number.
    internal const long ChainLockKey = 0x41756469744C6F67;

    public async Task<long> AppendAsync(NpgsqlTransaction transaction, AuditRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has completed.");
        var append = CreateAppendCommand(record);
        await using var command = new NpgsqlCommand(append.CommandText, connection, transaction);
        foreach (NpgsqlParameter parameter in append.Parameters) command.Parameters.Add(parameter.Clone());
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public NpgsqlBatchCommand CreateAppendCommand(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Canonicalised here, not in the database: the C# canonical form is the one the verifier recomputes.
        var details = AuditCanonicalForm.CanonicalJson(record.Details ?? new JsonObject());
        var command = new NpgsqlBatchCommand("select audit_append($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = record.Actor.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = record.Actor.Platform });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = record.Action });
        command.Parameters.Add(new NpgsqlParameter<long?> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = record.RequestId?.Value });
        command.Parameters.Add(new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = record.Resource });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = details });
        command.Parameters.Add(new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = record.Actor.Permalink });
        return command;
    }
}
