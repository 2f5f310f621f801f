using System.Globalization;
using Npgsql;

namespace AccessBot.Workflows.Audit;

/// <summary>Receives each verified row's hash (the checkpointer collects them).</summary>
internal delegate void RowHashSink(long seq, ReadOnlySpan<byte> hash);

/// <summary>Where the walk stopped, with the facts needed to name the damage (see <see cref="AuditDamageClassifier"/>).</summary>
/// <param name="DanglingPrevHash">When the row does not link to its predecessor: its prev_hash, to be looked up.</param>
/// <param name="SelfConsistent">Whether the row's own content still produces its stored hash.</param>
/// <param name="RenumberedFrom">When the row's hash verifies under a larger seq: that seq (rows before it were deleted and the rest renumbered).</param>
internal sealed record ChainAnomaly(
    long Seq, AuditDamage? Damage, byte[]? DanglingPrevHash = null, bool SelfConsistent = false, long? RenumberedFrom = null);

internal sealed record ChainWalk(long RowsChecked, long LastSeq, byte[] LastHash, ChainAnomaly? Anomaly);

/// <summary>
/// Streams <c>audit_events</c> in seq order with a raw binary COPY and re-hashes every row from its stored bytes.
/// Rows are re-hashed in batches on worker threads while the stream continues; links, seq order and checkpoints are
/// then checked in order on the reading thread. Stops at the first row that breaks the chain or contradicts a checkpoint.
/// </summary>
internal sealed class AuditChainWalker : IDisposable
{
    private const int RenumberSearch = 64;
    private static readonly int MaxInFlight = Math.Clamp(Environment.ProcessorCount, 2, 8);

    private readonly Stack<AuditRowBatch> _free = new();
    private readonly List<AuditRowBatch> _batches = [];
    private long _lastSeq;
    private byte[] _lastHash = [];
    private long _rows;
    private CheckpointCursor? _checkpoints;
    private RowHashSink? _sink;

    /// <summary>Walks rows after <paramref name="afterSeq"/> (whose hash is <paramref name="afterHash"/>) up to <paramref name="toSeq"/>.</summary>
    public async Task<ChainWalk> WalkAsync(
        NpgsqlConnection connection, long afterSeq, byte[] afterHash, long? toSeq, CheckpointCursor? checkpoints,
        RowHashSink? sink, CancellationToken ct)
    {
        var upper = toSeq is { } to ? $" and seq <= {to.ToString(CultureInfo.InvariantCulture)}" : "";
        var copy =
            "copy (select seq, at, actor, platform, action, request_id, resource, details, permalink, prev_hash, hash " +
            $"from audit_events where seq > {afterSeq.ToString(CultureInfo.InvariantCulture)}{upper} order by seq) " +
            "to stdout (format binary)";
        (_lastSeq, _lastHash, _rows, _checkpoints, _sink) = (afterSeq, (byte[])afterHash.Clone(), 0, checkpoints, sink);

        ChainAnomaly? anomaly = null;
        var ended = false;
        var pending = new Queue<(AuditRowBatch Batch, Task Hashing)>();
        await using var stream = await connection.BeginRawBinaryCopyAsync(copy, ct);
        var reader = new PgBinaryCopyReader(stream, AuditRowView.FieldCount);
        reader.ReadHeader(ct);
        try
        {
            var current = Rent();
            while (anomaly is null)
            {
                if (!reader.ReadRow(ct))
                {
                    ended = true;
                    break;
                }
                current.Add(reader.Row);
                if (!current.IsFull) continue;
                var batch = current;
                pending.Enqueue((batch, Task.Run(batch.HashAll, ct)));
                current = Rent();
                if (pending.Count >= MaxInFlight) anomaly = await ConsumeOldestAsync(pending);
            }
            if (anomaly is null && current.Count > 0)
            {
                current.HashAll();
                pending.Enqueue((current, Task.CompletedTask));
            }
            while (anomaly is null && pending.Count > 0) anomaly = await ConsumeOldestAsync(pending);
        }
        finally
        {
            // No worker may still be hashing a batch once this walk returns.
            await Task.WhenAll(pending.Select(p => p.Hashing)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        // Read the rest so the connection can run follow-up queries; stopping early is the rare, damaged case.
        if (!ended) reader.Drain(ct);
        return new ChainWalk(_rows, _lastSeq, _lastHash, anomaly);
    }

    private async Task<ChainAnomaly?> ConsumeOldestAsync(Queue<(AuditRowBatch Batch, Task Hashing)> pending)
    {
        var (batch, hashing) = pending.Dequeue();
        await hashing;
        var anomaly = Consume(batch);
        batch.Clear();
        _free.Push(batch);
        return anomaly;
    }

    private ChainAnomaly? Consume(AuditRowBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            var anomaly = Check(row, batch.SelfConsistent(i), batch.Hasher);
            if (anomaly is not null) return anomaly;
            _lastSeq = row.Int64(AuditRowView.Seq);
            row.Field(AuditRowView.Hash).CopyTo(_lastHash);
            _sink?.Invoke(_lastSeq, _lastHash);
            _rows++;
        }
        return null;
    }

    private ChainAnomaly? Check(AuditRowView row, bool selfConsistent, AuditRowHasher hasher)
    {
        var seq = row.Int64(AuditRowView.Seq);
        if (seq <= _lastSeq)
            return new ChainAnomaly(seq, new AuditDamage(seq, AuditDamageKind.InsertedRow, $"Seq {seq} occurs more than once."));
        if (seq > _lastSeq + 1)
        {
            var missing = _lastSeq + 1 == seq - 1 ? $"Row {_lastSeq + 1} is" : $"Rows {_lastSeq + 1}..{seq - 1} are";
            return new ChainAnomaly(_lastSeq + 1, new AuditDamage(_lastSeq + 1, AuditDamageKind.DeletedRow,
                $"{missing} missing: the chain goes from {_lastSeq} to {seq}."));
        }

        var hash = row.Field(AuditRowView.Hash);
        if (row.Field(AuditRowView.PrevHash).SequenceEqual(_lastHash))
        {
            if (!selfConsistent)
                return new ChainAnomaly(seq, new AuditDamage(seq, AuditDamageKind.ModifiedRow,
                    $"Row {seq} was modified: its content no longer produces its stored hash."));
            if (_checkpoints?.Contradiction(seq, hash) is not { } contradicted) return null;
            return new ChainAnomaly(seq, new AuditDamage(seq, AuditDamageKind.DiffersFromCheckpoint,
                $"Row {seq} differs from the signed checkpoint {contradicted.Seq} of {contradicted.CreatedAtText}: " +
                "the chain was rewritten from here with recomputed hashes."));
        }

        long? renumberedFrom = null;
        if (!selfConsistent)
        {
            Span<byte> computed = stackalloc byte[AuditCanonicalForm.HashLength];
            for (var original = seq + 1; original <= seq + RenumberSearch && renumberedFrom is null; original++)
            {
                if (hasher.TryCompute(row, original, computed) && hash.SequenceEqual(computed)) renumberedFrom = original;
            }
        }
        return new ChainAnomaly(seq, null, row.Field(AuditRowView.PrevHash).ToArray(), selfConsistent, renumberedFrom);
    }

    private AuditRowBatch Rent()
    {
        if (_free.TryPop(out var batch)) return batch;
        batch = new AuditRowBatch();
        _batches.Add(batch);
        return batch;
    }

    public void Dispose()
    {
        foreach (var batch in _batches) batch.Dispose();
    }
}
