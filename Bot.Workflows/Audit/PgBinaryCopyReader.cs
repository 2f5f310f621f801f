using System.Buffers.Binary;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// Reads PostgreSQL's binary COPY format (signature, flags, header extension; then per tuple a 16-bit field count and
/// per field a 32-bit length, -1 for NULL, followed by the bytes; a field count of -1 ends the data) from a raw COPY
/// stream into one reused buffer, so a row costs no allocation. <see cref="Row"/> stays valid until the next <see cref="ReadRow"/>.
/// </summary>
internal sealed class PgBinaryCopyReader(Stream stream, int fieldCount)
{
    // "PGCOPY\n\xff\r\n\0" as bytes (a u8 literal would encode \xff as two bytes).
    private static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private readonly int[] _offsets = new int[fieldCount];
    private readonly int[] _lengths = new int[fieldCount];
    private int _rowStart;
    private int _rowLength;

    /// <summary>The row last read; its field offsets are relative to the row's first byte.</summary>
    public AuditRowView Row => new(_buffer.AsSpan(_rowStart, _rowLength), _offsets, _lengths);

    public void ReadHeader(CancellationToken ct)
    {
        while (_end - _start < Signature.Length + 8)
        {
            if (!Fill(ct)) throw new InvalidDataException("The COPY stream ended inside its header.");
        }
        if (!_buffer.AsSpan(_start, Signature.Length).SequenceEqual(Signature))
            throw new InvalidDataException("The COPY stream is not in PostgreSQL's binary format.");
        var extension = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + Signature.Length + 4));
        var headerLength = Signature.Length + 8 + extension;
        while (_end - _start < headerLength)
        {
            if (!Fill(ct)) throw new InvalidDataException("The COPY stream ended inside its header.");
        }
        _start += headerLength;
    }

    /// <summary>False at the end of the data.</summary>
    public bool ReadRow(CancellationToken ct)
    {
        while (true)
        {
            var parsed = TryParseRow();
            if (parsed is not null) return parsed.Value;
            if (!Fill(ct)) throw new InvalidDataException("The COPY stream ended inside a row.");
        }
    }

    /// <summary>Reads and discards whatever the server still sends, so the connection is usable afterwards.</summary>
    public void Drain(CancellationToken ct)
    {
        while (Fill(ct)) _start = _end;
    }

    private bool? TryParseRow()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        if (span.Length < 2) return null;
        var count = BinaryPrimitives.ReadInt16BigEndian(span);
        if (count == -1)
        {
            _start += 2;
            return false;
        }
        if (count != _offsets.Length)
            throw new InvalidDataException($"The COPY stream has {count} fields per row, expected {_offsets.Length}.");
        var at = 2;
        for (var i = 0; i < count; i++)
        {
            if (span.Length - at < 4) return null;
            var length = BinaryPrimitives.ReadInt32BigEndian(span[at..]);
            at += 4;
            _lengths[i] = length;
            _offsets[i] = at;
            if (length > 0)
            {
                if (span.Length - at < length) return null;
                at += length;
            }
        }
        _rowStart = _start;
        _rowLength = at;
        _start += at;
        return true;
    }

    /// <remarks>
    /// Synchronous on purpose: the server sends every row as its own CopyData message and the raw stream returns one
    /// message per call, so the async path costs a state machine and an allocation per row (about a third of the
    /// client's CPU on a 1M-row log). The server streams continuously, so checking <paramref name="ct"/> per read is
    /// prompt enough; a stalled server hits the connection's command timeout.
    /// </remarks>
    private bool Fill(CancellationToken ct)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2); // one row larger than the buffer
        ct.ThrowIfCancellationRequested();
        var read = stream.Read(_buffer.AsSpan(_end));
        _end += read;
        return read > 0;
    }
}
