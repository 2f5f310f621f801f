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
/// Streams <c>audit_events</c> in seq order with a raw binary COPY and re-hashes every row from its stored bytes, without
/// per-row allocation. Stops at the first row that breaks the chain or contradicts a checkpoint.
/// </summary>
internal sealed class AuditChainWalker : IDisposable
{
    private const int Fields = 11;
    private const int SeqField = 0, AtField = 1, RequestIdField = 5, DetailsField = 7, PrevHashField = 9, HashField = 10;
    private const long PostgresEpochInUnixMicroseconds = 946_684_800_000_000;
    private const int RenumberSearch = 64;

    private readonly AuditHashBuilder _builder = new();
    private readonly AuditJsonCanonicalizer _canonicalizer = new(strict: false);
    private readonly byte[] _computed = new byte[AuditCanonicalForm.HashLength];

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

        var lastSeq = afterSeq;
        var lastHash = (byte[])afterHash.Clone();
        long rows = 0;
        ChainAnomaly? anomaly = null;
        await using var stream = await connection.BeginRawBinaryCopyAsync(copy, ct);
        var reader = new PgBinaryCopyReader(stream, Fields);
        await reader.ReadHeaderAsync(ct);
        while (await reader.ReadRowAsync(ct))
        {
            anomaly = Check(reader, lastSeq, lastHash, checkpoints);
            if (anomaly is not null) break;
            lastSeq = reader.Int64(SeqField);
            reader.Field(HashField).CopyTo(lastHash);
            sink?.Invoke(lastSeq, lastHash);
            rows++;
        }
        // Read the rest so the connection can run the follow-up queries; stopping early is the rare, damaged case.
        if (anomaly is not null) await reader.DrainAsync(ct);
        return new ChainWalk(rows, lastSeq, lastHash, anomaly);
    }

    private ChainAnomaly? Check(PgBinaryCopyReader row, long lastSeq, byte[] lastHash, CheckpointCursor? checkpoints)
    {
        var seq = row.Int64(SeqField);
        if (seq <= lastSeq)
            return new ChainAnomaly(seq, new AuditDamage(seq, AuditDamageKind.InsertedRow, $"Seq {seq} occurs more than once."));
        if (seq > lastSeq + 1)
        {
            var missing = lastSeq + 1 == seq - 1 ? $"Row {lastSeq + 1} is" : $"Rows {lastSeq + 1}..{seq - 1} are";
            return new ChainAnomaly(lastSeq + 1, new AuditDamage(lastSeq + 1, AuditDamageKind.DeletedRow,
                $"{missing} missing: the chain goes from {lastSeq} to {seq}."));
        }

        var prevHash = row.Field(PrevHashField);
        var hash = row.Field(HashField);
        var selfConsistent = Rehash(row, seq) && hash.SequenceEqual(_computed);
        if (prevHash.SequenceEqual(lastHash))
        {
            if (!selfConsistent)
                return new ChainAnomaly(seq, new AuditDamage(seq, AuditDamageKind.ModifiedRow,
                    $"Row {seq} was modified: its content no longer produces its stored hash."));
            var contradicted = checkpoints?.Contradiction(seq, hash);
            if (contradicted is null) return null;
            return new ChainAnomaly(seq, new AuditDamage(seq, AuditDamageKind.DiffersFromCheckpoint,
                $"Row {seq} differs from the signed checkpoint {contradicted.Seq} of {contradicted.CreatedAtText}: " +
                "the chain was rewritten from here with recomputed hashes."));
        }

        long? renumberedFrom = null;
        if (!selfConsistent)
        {
            for (var original = seq + 1; original <= seq + RenumberSearch; original++)
            {
                if (Rehash(row, original) && hash.SequenceEqual(_computed))
                {
                    renumberedFrom = original;
                    break;
                }
            }
        }
        return new ChainAnomaly(seq, null, prevHash.ToArray(), selfConsistent, renumberedFrom);
    }

    /// <summary>Computes the row's hash, as if its seq were <paramref name="seq"/>, into <see cref="_computed"/>.</summary>
    private bool Rehash(PgBinaryCopyReader row, long seq)
    {
        var details = row.Field(DetailsField);
        if (row.IsNull(AtField) || details.Length < 1 || details[0] != 1) return false; // jsonb binary: version 1, then text

        _builder.Reset(row.Field(PrevHashField));
        _builder.AddInt64(seq);
        _builder.AddInt64(unchecked(row.Int64(AtField) + PostgresEpochInUnixMicroseconds));
        AddText(row, 2);
        AddText(row, 3);
        AddText(row, 4);
        if (row.IsNull(RequestIdField)) _builder.AddNull();
        else _builder.AddInt64(row.Int64(RequestIdField));
        AddText(row, 6);
        try
        {
            _builder.AddField(_canonicalizer.Canonicalize(details[1..]));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return false; // not JSON any more: certainly not what was hashed
        }
        AddText(row, 8);
        _builder.ComputeHash(_computed);
        return true;
    }

    public void Dispose() => _builder.Dispose();

    private void AddText(PgBinaryCopyReader row, int field)
    {
        if (row.IsNull(field)) _builder.AddNull();
        else _builder.AddField(row.Field(field));
    }
}
