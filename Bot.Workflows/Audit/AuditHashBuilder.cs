using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AccessBot.Workflows.Audit;

/// <summary>Builds one row's canonical encoding (see <see cref="AuditCanonicalForm"/>) in a reused buffer and hashes it.</summary>
/// <remarks>Not thread-safe; the verifier keeps one per walk so hashing a row allocates nothing.</remarks>
internal sealed class AuditHashBuilder : IDisposable
{
    // Reused: a one-shot SHA256.HashData sets up a fresh digest context per call, which costs as much as the hashing.
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    private byte[] _buffer = new byte[1024];
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Reset(ReadOnlySpan<byte> prevHash)
    {
        _length = 0;
        Ensure(prevHash.Length);
        prevHash.CopyTo(_buffer);
        _length = prevHash.Length;
    }

    public void AddNull()
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), uint.MaxValue);
        _length += 4;
    }

    public void AddField(ReadOnlySpan<byte> utf8)
    {
        Ensure(4 + utf8.Length);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), (uint)utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length + 4));
        _length += 4 + utf8.Length;
    }

    public void AddInt64(long value)
    {
        Ensure(4 + 20);
        var written = AuditCanonicalForm.FormatInt64(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), (uint)written);
        _length += 4 + written;
    }

    public void AddString(string? value)
    {
        if (value is null)
        {
            AddNull();
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        Ensure(4 + count);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), (uint)count);
        Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        _length += 4 + count;
    }

    public void ComputeHash(Span<byte> destination)
    {
        _sha256.AppendData(Written);
        _sha256.GetHashAndReset(destination);
    }

    public void Dispose() => _sha256.Dispose();

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
    }
}
