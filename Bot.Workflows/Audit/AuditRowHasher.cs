using System.Text.Json;

namespace AccessBot.Workflows.Audit;

/// <summary>Recomputes a stored row's hash from its COPY bytes (see <see cref="AuditCanonicalForm"/>). One per thread.</summary>
internal sealed class AuditRowHasher : IDisposable
{
    private const long PostgresEpochInUnixMicroseconds = 946_684_800_000_000;

    private readonly AuditHashBuilder _builder = new();
    private readonly AuditJsonCanonicalizer _canonicalizer = new(strict: false);

    /// <summary>
    /// The row's hash as if its seq were <paramref name="seq"/>, into <paramref name="hash"/>; false when the row cannot
    /// have been written by the log at all (details not JSON, a missing time), which no stored hash can match.
    /// </summary>
    public bool TryCompute(AuditRowView row, long seq, Span<byte> hash)
    {
        var details = row.Field(AuditRowView.Details);
        if (row.IsNull(AuditRowView.At) || details.Length < 1 || details[0] != 1) return false; // jsonb binary: version 1, then text

        _builder.Reset(row.Field(AuditRowView.PrevHash));
        _builder.AddInt64(seq);
        _builder.AddInt64(unchecked(row.Int64(AuditRowView.At) + PostgresEpochInUnixMicroseconds));
        AddText(row, AuditRowView.Actor);
        AddText(row, AuditRowView.Platform);
        AddText(row, AuditRowView.Action);
        if (row.IsNull(AuditRowView.RequestId)) _builder.AddNull();
        else _builder.AddInt64(row.Int64(AuditRowView.RequestId));
        AddText(row, AuditRowView.Resource);
        try
        {
            _builder.AddField(_canonicalizer.Canonicalize(details[1..]));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return false;
        }
        AddText(row, AuditRowView.Permalink);
        _builder.ComputeHash(hash);
        return true;
    }

    /// <summary>Whether the row's content, under its own seq, produces its stored hash.</summary>
    public bool IsSelfConsistent(AuditRowView row)
    {
        Span<byte> computed = stackalloc byte[AuditCanonicalForm.HashLength];
        return TryCompute(row, row.Int64(AuditRowView.Seq), computed) && computed.SequenceEqual(row.Field(AuditRowView.Hash));
    }

    private void AddText(AuditRowView row, int field)
    {
        if (row.IsNull(field)) _builder.AddNull();
        else _builder.AddField(row.Field(field));
    }

    public void Dispose() => _builder.Dispose();
}
