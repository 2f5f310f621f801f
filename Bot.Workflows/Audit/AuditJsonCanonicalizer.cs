using System.Text.Json;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// Rewrites UTF-8 JSON into the audit log's canonical form: object members sorted by the UTF-8 bytes of their unescaped
/// names (duplicates: the last wins, as in jsonb), no whitespace, strings with only <c>"</c>, <c>\</c> and control
/// characters escaped (<c>\b \f \n \r \t</c>, otherwise <c>\u00xx</c>), numbers as PostgreSQL's numeric prints them
/// (see <see cref="AuditNumberCanonicalizer"/>). The same bytes come out of a caller's <c>JsonObject</c> and out of the
/// jsonb column it was stored in, which is what lets the verifier recompute a hash from the database.
/// </summary>
/// <remarks>Reuses its buffers: one instance per thread. The returned span is valid until the next call.</remarks>
internal sealed class AuditJsonCanonicalizer(bool strict)
{
    private const int MaxDepth = 64;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    private byte[] _arena = new byte[1024];
    private int _length;
    private byte[] _scratch = new byte[256];
    private Member[] _members = new Member[32];
    private int _memberCount;

    private readonly record struct Member(int KeyStart, int KeyLength, int ValueStart, int ValueLength);

    /// <summary>Strict mode (the append path) refuses what jsonb would refuse or change: U+0000, huge exponents.</summary>
    public bool Strict { get; } = strict;

    public ReadOnlySpan<byte> Canonicalize(ReadOnlySpan<byte> json)
    {
        _length = 0;
        _memberCount = 0;
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read()) throw new FormatException("Audit details are empty.");
        WriteValue(ref reader);
        return _arena.AsSpan(0, _length);
    }

    private void WriteValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader);
                break;
            case JsonTokenType.StartArray:
                Append((byte)'[');
                var first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first) Append((byte)',');
                    first = false;
                    WriteValue(ref reader);
                }
                Append((byte)']');
                break;
            case JsonTokenType.String:
                WriteString(ref reader);
                break;
            case JsonTokenType.Number:
                AuditNumberCanonicalizer.Write(reader.ValueSpan, this);
                break;
            case JsonTokenType.True:
                Append("true"u8);
                break;
            case JsonTokenType.False:
                Append("false"u8);
                break;
            case JsonTokenType.Null:
                Append("null"u8);
                break;
            default:
                throw new FormatException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    private void WriteObject(ref Utf8JsonReader reader)
    {
        var start = _length;
        var firstMember = _memberCount;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var keyStart = _length;
            AppendUnescaped(ref reader);
            var keyLength = _length - keyStart;
            reader.Read();
            var valueStart = _length;
            WriteValue(ref reader);
            if (_memberCount == _members.Length) Array.Resize(ref _members, _members.Length * 2);
            _members[_memberCount++] = new Member(keyStart, keyLength, valueStart, _length - valueStart);
        }

        SortMembers(firstMember, _memberCount);
        var outputStart = _length;
        Append((byte)'{');
        var wrote = false;
        for (var i = firstMember; i < _memberCount; i++)
        {
            var member = _members[i];
            if (i + 1 < _memberCount && KeyEquals(member, _members[i + 1])) continue; // duplicate name: the last one wins
            EnsureCapacity(member.KeyLength * 6 + member.ValueLength + 4);
            if (wrote) _arena[_length++] = (byte)',';
            wrote = true;
            AppendEscapedString(_arena.AsSpan(member.KeyStart, member.KeyLength));
            _arena[_length++] = (byte)':';
            _arena.AsSpan(member.ValueStart, member.ValueLength).CopyTo(_arena.AsSpan(_length));
            _length += member.ValueLength;
        }
        Append((byte)'}');

        // Move the finished object over its own scratch space so nesting does not grow the arena quadratically.
        var outputLength = _length - outputStart;
        _arena.AsSpan(outputStart, outputLength).CopyTo(_arena.AsSpan(start));
        _length = start + outputLength;
        _memberCount = firstMember;
    }

    private void SortMembers(int from, int to)
    {
        // Insertion sort: objects are small, and it is stable, which keeps "last duplicate wins" well defined.
        for (var i = from + 1; i < to; i++)
        {
            var current = _members[i];
            var j = i - 1;
            while (j >= from && Key(_members[j]).SequenceCompareTo(Key(current)) > 0)
            {
                _members[j + 1] = _members[j];
                j--;
            }
            _members[j + 1] = current;
        }
    }

    private ReadOnlySpan<byte> Key(Member member) => _arena.AsSpan(member.KeyStart, member.KeyLength);

    private bool KeyEquals(Member a, Member b) => Key(a).SequenceEqual(Key(b));

    private void WriteString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            // Unescaped JSON text cannot hold a quote, a backslash or a control character: it is already canonical.
            var raw = reader.ValueSpan;
            EnsureCapacity(raw.Length + 2);
            _arena[_length++] = (byte)'"';
            raw.CopyTo(_arena.AsSpan(_length));
            _length += raw.Length;
            _arena[_length++] = (byte)'"';
            return;
        }
        if (_scratch.Length < reader.ValueSpan.Length) _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
        var length = reader.CopyString(_scratch);
        var value = _scratch.AsSpan(0, length);
        EnsureCapacity(length * 6 + 2);
        AppendEscapedString(value);
    }

    private void AppendUnescaped(ref Utf8JsonReader reader)
    {
        EnsureCapacity(reader.ValueSpan.Length);
        if (!reader.ValueIsEscaped)
        {
            reader.ValueSpan.CopyTo(_arena.AsSpan(_length));
            _length += reader.ValueSpan.Length;
            return;
        }
        _length += reader.CopyString(_arena.AsSpan(_length));
    }

    /// <summary>Caller ensured room for <c>value.Length * 6 + 2</c> bytes.</summary>
    private void AppendEscapedString(ReadOnlySpan<byte> value)
    {
        if (Strict && value.Contains((byte)0))
            throw new ArgumentException("Audit details cannot contain the character U+0000 (PostgreSQL's jsonb refuses it).");
        var arena = _arena;
        var at = _length;
        arena[at++] = (byte)'"';
        foreach (var b in value)
        {
            if (b >= 0x20 && b != '"' && b != '\\')
            {
                arena[at++] = b;
                continue;
            }
            arena[at++] = (byte)'\\';
            switch (b)
            {
                case (byte)'"': arena[at++] = (byte)'"'; break;
                case (byte)'\\': arena[at++] = (byte)'\\'; break;
                case 0x08: arena[at++] = (byte)'b'; break;
                case 0x0C: arena[at++] = (byte)'f'; break;
                case 0x0A: arena[at++] = (byte)'n'; break;
                case 0x0D: arena[at++] = (byte)'r'; break;
                case 0x09: arena[at++] = (byte)'t'; break;
                default:
                    arena[at++] = (byte)'u';
                    arena[at++] = (byte)'0';
                    arena[at++] = (byte)'0';
                    arena[at++] = (byte)"0123456789abcdef"[b >> 4];
                    arena[at++] = (byte)"0123456789abcdef"[b & 0xF];
                    break;
            }
        }
        arena[at++] = (byte)'"';
        _length = at;
    }

    internal void Append(byte value)
    {
        EnsureCapacity(1);
        _arena[_length++] = value;
    }

    internal void Append(ReadOnlySpan<byte> value)
    {
        EnsureCapacity(value.Length);
        value.CopyTo(_arena.AsSpan(_length));
        _length += value.Length;
    }

    private void EnsureCapacity(int extra)
    {
        if (_length + extra <= _arena.Length) return;
        Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _length + extra));
    }
}
