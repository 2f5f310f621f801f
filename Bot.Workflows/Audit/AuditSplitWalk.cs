using System.Data;
using Npgsql;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// Walks a large chain as two halves on two connections that share one snapshot, so the database produces both halves
/// at once. The second half starts from the stored hash of the last row of the first half; the first half's walk then
/// proves that hash (it ends on that very row with no anomaly), so the result is the same as one walk from genesis.
/// </summary>
internal static class AuditSplitWalk
{
    /// <summary>Walks rows up to <paramref name="upToSeq"/> (all rows when null).</summary>
    public static async Task<ChainWalk> WalkAsync(
        NpgsqlDataSource dataSource, NpgsqlConnection connection, long? upToSeq, IReadOnlyList<SignedCheckpoint> accepted,
        long splitThreshold, CancellationToken ct)
    {
        var maxSeq = await ScalarAsync<long?>(connection, "select max(seq) from audit_events", null, ct);
        if (maxSeq is { } head && upToSeq is { } limit) maxSeq = Math.Min(head, limit);
        if (maxSeq is not { } max || max < splitThreshold || Environment.ProcessorCount < 2)
            return await WalkRangeAsync(connection, 0, AuditCanonicalForm.Genesis, upToSeq, accepted, ct);

        var middle = max / 2;
        var middleHash = await ScalarAsync<byte[]?>(connection, "select hash from audit_events where seq = @seq", middle, ct);
        if (middleHash is null) // the row is missing: one walk will say so
            return await WalkRangeAsync(connection, 0, AuditCanonicalForm.Genesis, upToSeq, accepted, ct);

        var snapshot = await ScalarAsync<string>(connection, "select pg_export_snapshot()", null, ct);
        if (snapshot is null || snapshot.AsSpan().IndexOfAnyExcept("0123456789ABCDEFabcdef-") >= 0)
            throw new InvalidOperationException("PostgreSQL returned an unexpected snapshot id.");
        await using var second = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await second.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var share = new NpgsqlCommand($"set transaction read only; set transaction snapshot '{snapshot}'", second, transaction))
        {
            await share.ExecuteNonQueryAsync(ct);
        }

        var firstHalf = Task.Run(() => WalkRangeAsync(connection, 0, AuditCanonicalForm.Genesis, middle, accepted, ct), ct);
        var secondHalf = Task.Run(() => WalkRangeAsync(second, middle, middleHash, upToSeq, accepted, ct), ct);
        await Task.WhenAll(firstHalf, secondHalf);
        var (first, rest) = (await firstHalf, await secondHalf);
        await transaction.CommitAsync(ct);

        if (first.Anomaly is not null) return first;
        if (first.LastSeq != middle) // cannot happen in one snapshot; if it ever does, trust only a single walk
            return await WalkRangeAsync(connection, 0, AuditCanonicalForm.Genesis, upToSeq, accepted, ct);
        return new ChainWalk(first.RowsChecked + rest.RowsChecked, rest.LastSeq, rest.LastHash, rest.Anomaly);
    }

    private static async Task<ChainWalk> WalkRangeAsync(
        NpgsqlConnection connection, long afterSeq, byte[] afterHash, long? toSeq, IReadOnlyList<SignedCheckpoint> accepted,
        CancellationToken ct)
    {
        using var walker = new AuditChainWalker();
        return await walker.WalkAsync(connection, afterSeq, afterHash, toSeq, new CheckpointCursor(accepted), null, ct);
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, long? seq, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (seq is { } value) command.Parameters.AddWithValue("seq", value);
        var result = await command.ExecuteScalarAsync(ct);
        return result is null or DBNull ? default : (T)result;
    }
}
