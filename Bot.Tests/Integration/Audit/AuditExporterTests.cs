using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;

namespace AccessBot.Tests.Integration.Audit;

public sealed class AuditExporterTests(AuditDatabaseFixture database) : IClassFixture<AuditDatabaseFixture>
{
    private static readonly AuditRecord Tricky = new(
        new Actor(null, "Ann \"the approver\", Ops", "slack", "https://chat.example/m/1"),
        "request.approved",
        new RequestId(812),
        "prod-db",
        new JsonObject { ["reason"] = "line one\nline two, with \"quotes\"", ["step"] = 2 });

    [Fact]
    public async Task Csv_quotes_fields_as_rfc_4180_requires()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.Log.AppendAsync(db, Tricky, CancellationToken.None);
        var (hash, at) = await RowAsync(1);

        var csv = await ExportAsync(AuditExportFormat.Csv, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        Assert.Equal(
            "seq,at,actor,platform,action,request_id,resource,details,permalink,prev_hash,hash\r\n" +
            $"1,{AuditExporter.FormatTime(at)},\"Ann \"\"the approver\"\", Ops\",slack,request.approved,812,prod-db," +
            "\"{\"\"reason\"\":\"\"line one\\nline two, with \\\"\"quotes\\\"\"\"\",\"\"step\"\":2}\"," +
            $"https://chat.example/m/1,{new string('0', 64)},{hash}\r\n",
            csv);
    }

    [Fact]
    public async Task Jsonl_holds_every_column_with_details_as_an_object()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.Log.AppendAsync(db, Tricky, CancellationToken.None);
        await AuditTestLog.Log.AppendAsync(db, AuditTestLog.Record(5), CancellationToken.None);
        var (hash, at) = await RowAsync(2);

        var lines = (await ExportAsync(AuditExportFormat.Jsonl, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Split('\n');

        Assert.Equal(3, lines.Length); // two rows, then the final newline
        var second = JsonNode.Parse(lines[1])!.AsObject();
        Assert.Equal(AuditExporter.Columns, second.Select(p => p.Key));
        Assert.Equal(2, (long)second["seq"]!);
        Assert.Equal(AuditExporter.FormatTime(at), (string)second["at"]!);
        Assert.Null(second["request_id"]);
        Assert.Equal(5, (int)second["details"]!["step"]!);
        Assert.Equal(hash, (string)second["hash"]!);
        Assert.Equal((string)JsonNode.Parse(lines[0])!["hash"]!, (string)second["prev_hash"]!);
    }

    [Fact]
    public async Task Only_events_inside_the_time_range_are_exported()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 5);
        var (_, second) = await RowAsync(2);
        var (_, fourth) = await RowAsync(4);

        var lines = (await ExportAsync(AuditExportFormat.Jsonl, second, fourth)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal([2L, 3L], lines.Select(l => (long)JsonNode.Parse(l)!["seq"]!));
    }

    private async Task<string> ExportAsync(AuditExportFormat format, DateTimeOffset from, DateTimeOffset to)
    {
        using var output = new StringWriter();
        await new AuditExporter().ExportAsync(database.DataSource, from, to, format, output, CancellationToken.None);
        return output.ToString();
    }

    private async Task<(string Hash, DateTimeOffset At)> RowAsync(long seq)
    {
        await using var command = database.DataSource.CreateCommand($"select hash, at from audit_events where seq = {seq}");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(0)), reader.GetFieldValue<DateTimeOffset>(1));
    }
}
