using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Benchmarks;

/// <summary>Writes a long, valid audit chain quickly (binary COPY, hashes computed here with the production encoding).</summary>
internal static class AuditLogSeeder
{
    public static async Task SeedAsync(NpgsqlDataSource dataSource, int count, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var importer = await connection.BeginBinaryImportAsync(
            "copy audit_events (seq, at, actor, platform, action, request_id, resource, details, permalink, prev_hash, hash) " +
            "from stdin (format binary)", ct);
        var prev = AuditCanonicalForm.Genesis;
        var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        string[] actions = ["request.submitted", "request.approved", "grant.granted", "grant.expired"];
        for (var seq = 1L; seq <= count; seq++)
        {
            var at = start.AddTicks(seq * 10 * 1000); // 1 ms apart, microsecond-exact
            var requestId = (seq + 3) / 4;
            var action = actions[(seq - 1) % 4];
            var actor = $"user{requestId % 500}@example.com";
            var details = AuditCanonicalForm.CanonicalJson(new JsonObject { ["duration"] = "4h", ["step"] = 1 });
            const string platform = "cli";
            const string resource = "prod-db";
            var hash = AuditCanonicalForm.ComputeHash(prev, seq, at, actor, platform, action, requestId, resource, details, null);

            await importer.StartRowAsync(ct);
            await importer.WriteAsync(seq, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
            await importer.WriteAsync(actor, NpgsqlDbType.Text, ct);
            await importer.WriteAsync(platform, NpgsqlDbType.Text, ct);
            await importer.WriteAsync(action, NpgsqlDbType.Text, ct);
            await importer.WriteAsync(requestId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(resource, NpgsqlDbType.Text, ct);
            await importer.WriteAsync(details, NpgsqlDbType.Jsonb, ct);
            await importer.WriteNullAsync(ct);
            await importer.WriteAsync(prev, NpgsqlDbType.Bytea, ct);
            await importer.WriteAsync(hash, NpgsqlDbType.Bytea, ct);
            prev = hash;
        }
        await importer.CompleteAsync(ct);
    }
}
