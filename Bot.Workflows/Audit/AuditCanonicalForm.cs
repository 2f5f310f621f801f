using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// The canonical encoding the hash chain is computed over. After the previous row's 32-byte hash, each field in a fixed
/// order (seq, at, actor, platform, action, request_id, resource, details, permalink) is written as a 4-byte big-endian
/// length followed by its UTF-8 bytes (length 0xFFFFFFFF for null), so no choice of field contents can make two different
/// rows encode alike. seq and request_id are decimal; <c>at</c> is whole microseconds since the Unix epoch (PostgreSQL's
/// precision), decimal; <c>details</c> is the canonical JSON of <see cref="AuditJsonCanonicalizer"/>, which survives the
/// round trip through jsonb.
/// </summary>
/// <remarks><c>hash = SHA-256(prev_hash ‖ encoding)</c>; the first row's <c>prev_hash</c> is 32 zero bytes.</remarks>
public static class AuditCanonicalForm
{
    public const int HashLength = 32;

    [ThreadStatic] private static AuditJsonCanonicalizer? _strict;
    [ThreadStatic] private static AuditJsonCanonicalizer? _lenient;
    [ThreadStatic] private static AuditHashBuilder? _builder;

    /// <summary>The prev_hash of the first event (a fresh copy each time).</summary>
    public static byte[] Genesis => new byte[HashLength];

    public static byte[] ComputeHash(
        ReadOnlySpan<byte> prevHash, long seq, DateTimeOffset at, string actor, string platform, string action,
        long? requestId, string? resource, string canonicalDetails, string? permalink)
    {
        var builder = _builder ??= new AuditHashBuilder();
        builder.Reset(prevHash);
        builder.AddInt64(seq);
        builder.AddInt64(ToUnixMicroseconds(at));
        AddFieldsAfterTime(builder, actor, platform, action, requestId, resource, canonicalDetails, permalink);
        var hash = new byte[HashLength];
        builder.ComputeHash(hash);
        return hash;
    }

    /// <summary>
    /// The encoding of the fields after <c>at</c> (actor … permalink): everything the writer knows before it holds the
    /// chain lock. The database prepends prev_hash, seq and at under the lock and hashes the whole (see PostgresAuditLog).
    /// </summary>
    public static byte[] EncodeFieldsAfterTime(
        string actor, string platform, string action, long? requestId, string? resource, string canonicalDetails, string? permalink)
    {
        var builder = _builder ??= new AuditHashBuilder();
        builder.Reset([]);
        AddFieldsAfterTime(builder, actor, platform, action, requestId, resource, canonicalDetails, permalink);
        return builder.Written.ToArray();
    }

    private static void AddFieldsAfterTime(
        AuditHashBuilder builder, string actor, string platform, string action, long? requestId, string? resource,
        string canonicalDetails, string? permalink)
    {
        builder.AddString(actor);
        builder.AddString(platform);
        builder.AddString(action);
        if (requestId is { } id) builder.AddInt64(id);
        else builder.AddNull();
        builder.AddString(resource);
        builder.AddString(canonicalDetails);
        builder.AddString(permalink);
    }

    public static byte[] ComputeHash(AuditEvent e) => ComputeHash(
        e.PrevHash, e.Seq, e.At, e.Actor, e.Platform, e.Action, e.RequestId, e.Resource, CanonicalJson(e.Details), e.Permalink);

    public static long ToUnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>
    /// Canonical JSON of details a caller hands the log. Throws <see cref="ArgumentException"/> for what jsonb would refuse
    /// or silently change (U+0000, exponents beyond ±1000), so the stored row always re-hashes to the same value.
    /// </summary>
    public static string CanonicalJson(JsonNode? node)
    {
        var utf8 = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(utf8))
        {
            (node ?? new JsonObject()).WriteTo(writer);
        }
        return Encoding.UTF8.GetString((_strict ??= new AuditJsonCanonicalizer(strict: true)).Canonicalize(utf8.WrittenSpan));
    }

    /// <summary>Canonical JSON of details as stored (jsonb text); what the verifier hashes and the export prints.</summary>
    public static string CanonicalJson(ReadOnlySpan<byte> storedUtf8Json) =>
        Encoding.UTF8.GetString((_lenient ??= new AuditJsonCanonicalizer(strict: false)).Canonicalize(storedUtf8Json));

    internal static int FormatInt64(long value, Span<byte> destination) =>
        Utf8Formatter.TryFormat(value, destination, out var written) ? written : throw new InvalidOperationException("Buffer too small.");
}
