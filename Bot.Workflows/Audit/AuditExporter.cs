using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;

namespace AccessBot.Workflows.Audit;

public enum AuditExportFormat
{
    /// <summary>RFC 4180: header row, CRLF line ends, fields quoted when they hold a comma, quote or line break.</summary>
    Csv,
    /// <summary>One JSON object per line; details as a nested object.</summary>
    Jsonl,
}

/// <summary>
/// Writes the events of a time range, every column, for an auditor: times in UTC with microseconds, hashes as lowercase
/// hex, details as canonical JSON, so each exported row can be re-hashed outside the bot.
/// </summary>
public sealed class AuditExporter
{
    public static IReadOnlyList<string> Columns { get; } =
        ["seq", "at", "actor", "platform", "action", "request_id", "resource", "details", "permalink", "prev_hash", "hash"];

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Events with <paramref name="from"/> ≤ at &lt; <paramref name="to"/>, in seq order; returns how many were written.</summary>
    public async Task<long> ExportAsync(
        NpgsqlDataSource dataSource, DateTimeOffset from, DateTimeOffset to, AuditExportFormat format, TextWriter output,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select seq, at, actor, platform, action, request_id, resource, details::text, permalink, prev_hash, hash " +
            "from audit_events where at >= @from and at < @to order by seq");
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(ct);

        if (format == AuditExportFormat.Csv) await output.WriteAsync(string.Join(',', Columns) + "\r\n");
        var line = new ArrayBufferWriter<byte>(1024);
        long count = 0;
        while (await reader.ReadAsync(ct))
        {
            var row = new ExportRow(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                AuditCanonicalForm.CanonicalJson(Encoding.UTF8.GetBytes(reader.GetString(7))),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(9)),
                Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(10)));
            await output.WriteAsync(format == AuditExportFormat.Csv ? CsvLine(row) : JsonLine(row, line));
            count++;
        }
        await output.FlushAsync(ct);
        return count;
    }

    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private sealed record ExportRow(
        long Seq, DateTimeOffset At, string Actor, string Platform, string Action, long? RequestId, string? Resource,
        string Details, string? Permalink, string PrevHash, string Hash);

    private static string CsvLine(ExportRow row)
    {
        string?[] fields =
        [
            row.Seq.ToString(CultureInfo.InvariantCulture), FormatTime(row.At), row.Actor, row.Platform, row.Action,
            row.RequestId?.ToString(CultureInfo.InvariantCulture), row.Resource, row.Details, row.Permalink, row.PrevHash, row.Hash,
        ];
        return string.Join(',', fields.Select(CsvField)) + "\r\n";
    }

    private static string CsvField(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string JsonLine(ExportRow row, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", row.Seq);
            writer.WriteString("at", FormatTime(row.At));
            writer.WriteString("actor", row.Actor);
            writer.WriteString("platform", row.Platform);
            writer.WriteString("action", row.Action);
            if (row.RequestId is { } id) writer.WriteNumber("request_id", id);
            else writer.WriteNull("request_id");
            writer.WriteString("resource", row.Resource);
            writer.WritePropertyName("details");
            writer.WriteRawValue(row.Details);
            writer.WriteString("permalink", row.Permalink);
            writer.WriteString("prev_hash", row.PrevHash);
            writer.WriteString("hash", row.Hash);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
