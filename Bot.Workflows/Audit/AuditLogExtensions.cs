using Npgsql;

namespace AccessBot.Workflows.Audit;

public static class AuditLogExtensions
{
    /// <summary>Appends one event in a transaction of its own, for actions that change no engine state (a message posted, a refused click).</summary>
    public static async Task<long> AppendAsync(this IAuditLog log, NpgsqlDataSource dataSource, AuditRecord record, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var seq = await log.AppendAsync(transaction, record, ct);
        await transaction.CommitAsync(ct);
        return seq;
    }
}
