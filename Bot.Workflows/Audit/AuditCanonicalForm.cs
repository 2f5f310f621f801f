using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// The canonical encoding the hash chain is computed over. Each field, in a fixed order, is written as a 4-byte big-endian
/// length followed by its UTF-8 bytes (length 0xFFFFFFFF for null), so no choice of field contents can make two different
/// rows encode alike. <c>at</c> is whole microseconds since the Unix epoch (PostgreSQL's precision); <c>details</c> is JSON
/// with object keys sorted ordinally at every level and no whitespace, so it survives the round trip through jsonb.
/// </summary>
/// <remarks><c>hash = SHA-256(prev_hash ‖ encoding)</c>; the first row's <c>prev_hash</c> is 32 zero bytes.</remarks>
public static class AuditCanonicalForm
{
    public const int HashLength = 32;

    public static byte[] Genesis { get; } = new byte[HashLength];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ComputeHash(
        ReadOnlySpan<byte> prevHash, long seq, DateTimeOffset at, string actor, string platform, string action,
        long? requestId, string? resource, string canonicalDetails, string? permalink)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(prevHash);
        WriteField(buffer, seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteField(buffer, ToUnixMicroseconds(at).ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteField(buffer, actor);
        WriteField(buffer, platform);
        WriteField(buffer, action);
        WriteField(buffer, requestId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteField(buffer, resource);
        WriteField(buffer, canonicalDetails);
        WriteField(buffer, permalink);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    public static byte[] ComputeHash(AuditEvent e) => ComputeHash(
        e.PrevHash, e.Seq, e.At, e.Actor, e.Platform, e.Action, e.RequestId, e.Resource, CanonicalJson(e.Details), e.Permalink);

    public static long ToUnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>Sorted keys, no whitespace, minimal escaping; numbers written as parsed.</summary>
    public static string CanonicalJson(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node ?? new JsonObject());
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static void WriteField(ArrayBufferWriter<byte> buffer, string? value)
    {
        var length = buffer.GetSpan(4);
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            buffer.Advance(4);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)count);
        buffer.Advance(4);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(count));
        buffer.Advance(count);
    }
}
