namespace AccessBot.Workflows.Audit;

/// <summary>
/// A run of rows copied out of the COPY buffer so they can be re-hashed on another thread while the next rows stream in.
/// Each row's hash depends only on its own stored bytes (including its stored prev_hash), so batches hash in parallel;
/// the links between rows are then checked in order, which is cheap.
/// </summary>
internal sealed class AuditRowBatch : IDisposable
{
    public const int Capacity = 2048;

    private byte[] _data = new byte[Capacity * 320];
    private int _used;
    private readonly int[] _starts = new int[Capacity];
    private readonly int[] _sizes = new int[Capacity];
    private readonly int[] _offsets = new int[Capacity * AuditRowView.FieldCount];
    private readonly int[] _lengths = new int[Capacity * AuditRowView.FieldCount];
    private readonly bool[] _selfConsistent = new bool[Capacity];

    public AuditRowHasher Hasher { get; } = new();

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    public void Add(AuditRowView row)
    {
        var bytes = row.Bytes;
        if (_used + bytes.Length > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, _used + bytes.Length));
        bytes.CopyTo(_data.AsSpan(_used));
        _starts[Count] = _used;
        _sizes[Count] = bytes.Length;
        row.Offsets.CopyTo(_offsets.AsSpan(Count * AuditRowView.FieldCount));
        row.Lengths.CopyTo(_lengths.AsSpan(Count * AuditRowView.FieldCount));
        _used += bytes.Length;
        Count++;
    }

    public AuditRowView this[int index] => new(
        _data.AsSpan(_starts[index], _sizes[index]),
        _offsets.AsSpan(index * AuditRowView.FieldCount, AuditRowView.FieldCount),
        _lengths.AsSpan(index * AuditRowView.FieldCount, AuditRowView.FieldCount));

    public bool SelfConsistent(int index) => _selfConsistent[index];

    /// <summary>Re-hashes every row; runs on a worker thread.</summary>
    public void HashAll()
    {
        for (var i = 0; i < Count; i++) _selfConsistent[i] = Hasher.IsSelfConsistent(this[i]);
    }

    public void Dispose() => Hasher.Dispose();
}
