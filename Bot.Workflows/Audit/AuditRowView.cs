using System.Buffers.Binary;

namespace AccessBot.Workflows.Audit;

/// <summary>One <c>audit_events</c> row as PostgreSQL's binary COPY sent it: the row's bytes and where each field lies.</summary>
internal readonly ref struct AuditRowView(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths)
{
    public const int FieldCount = 11;
    public const int Seq = 0, At = 1, Actor = 2, Platform = 3, Action = 4, RequestId = 5, Resource = 6, Details = 7,
        Permalink = 8, PrevHash = 9, Hash = 10;

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private readonly ReadOnlySpan<int> _offsets = offsets;
    private readonly ReadOnlySpan<int> _lengths = lengths;

    /// <summary>The whole row, field headers included (what a batch copies).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    public ReadOnlySpan<int> Offsets => _offsets;

    public ReadOnlySpan<int> Lengths => _lengths;

    public bool IsNull(int field) => _lengths[field] < 0;

    public ReadOnlySpan<byte> Field(int field) => _lengths[field] < 0 ? default : _bytes.Slice(_offsets[field], _lengths[field]);

    /// <summary>int8 and timestamptz are 8 big-endian bytes; a field of another size (a forged row) reads as 0.</summary>
    public long Int64(int field) => Field(field) is { Length: 8 } value ? BinaryPrimitives.ReadInt64BigEndian(value) : 0;
}
