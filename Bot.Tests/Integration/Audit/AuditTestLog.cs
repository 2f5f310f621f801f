using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AccessBot.Tests.Integration.Audit;

/// <summary>Seeds audit logs, tampers with them the way a superuser could, and builds checkpointers on a temp folder.</summary>
internal static class AuditTestLog
{
    public static readonly PostgresAuditLog Log = new();

    public static AuditRecord Record(int i) => new(
        new Actor(null, $"user{i}@example.com", i % 2 == 0 ? "slack" : "teams", i % 3 == 0 ? $"https://chat.example/m/{i}" : null),
        i % 4 == 0 ? "request.approved" : "request.submitted",
        i % 5 == 0 ? null : new RequestId(100 + i),
        i % 5 == 0 ? null : "prod-db",
        new JsonObject { ["step"] = i, ["reason"] = $"migrate \"orders\" #{i}", ["ok"] = i % 2 == 0 });

    public static async Task SeedAsync(NpgsqlDataSource dataSource, int count, int first = 1)
    {
        for (var i = first; i < first + count; i++) await Log.AppendAsync(dataSource, Record(i), CancellationToken.None);
    }

    /// <summary>Runs SQL with the table's triggers disabled, as a superuser bypassing them would.</summary>
    public static async Task TamperAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(
            $"alter table audit_events disable trigger user; {sql}; " +
            "alter table audit_events enable always trigger audit_events_no_update_or_delete; " +
            "alter table audit_events enable always trigger audit_events_no_truncate; " +
            "alter table audit_events enable always trigger audit_events_link;");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Recomputes hash and prev_hash of the rows <paramref name="fromSeq"/>..<paramref name="toSeq"/>, as a careful forger would.</summary>
    public static async Task RehashAsync(NpgsqlDataSource dataSource, long fromSeq, long toSeq = long.MaxValue)
    {
        var rows = new List<AuditEvent>();
        await using (var read = dataSource.CreateCommand(
            "select seq, at, actor, platform, action, request_id, resource, details::text, permalink, prev_hash, hash " +
            "from audit_events order by seq"))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(new AuditEvent(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                    reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), JsonNode.Parse(reader.GetString(7))!.AsObject(),
                    reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetFieldValue<byte[]>(9), reader.GetFieldValue<byte[]>(10)));
            }
        }
        var sql = new List<string>();
        var prev = AuditCanonicalForm.Genesis;
        foreach (var row in rows)
        {
            if (row.Seq >= fromSeq && row.Seq <= toSeq)
            {
                var hash = AuditCanonicalForm.ComputeHash(row with { PrevHash = prev });
                sql.Add($"update audit_events set prev_hash = '\\x{Convert.ToHexString(prev)}', hash = '\\x{Convert.ToHexString(hash)}' where seq = {row.Seq}");
                prev = hash;
            }
            else
            {
                prev = row.Hash;
            }
        }
        // Hashes are unique: park the rewritten rows' hashes first so the updates cannot collide with each other.
        await TamperAsync(dataSource, $"update audit_events set hash = sha256(hash) where seq between {fromSeq} and {toSeq}; " + string.Join("; ", sql));
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static AuditOptions Options(DirectoryInfo folder) => new()
    {
        SigningKeyPath = Path.Combine(folder.FullName, "keys", "audit-signing-key.pem"),
        CheckpointFolder = Path.Combine(folder.FullName, "checkpoints"),
    };

    public static AuditCheckpointer Checkpointer(
        NpgsqlDataSource dataSource, AuditOptions options, TimeProvider? time = null, params IAuditCheckpointListener[] listeners) =>
        new(dataSource, Log, Microsoft.Extensions.Options.Options.Create(options),
            time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)),
            listeners, NullLogger<AuditCheckpointer>.Instance);

    public static async Task<AuditVerificationResult> VerifyWithFolderAsync(NpgsqlDataSource dataSource, AuditOptions options)
    {
        var (checkpoints, _) = await new AuditCheckpointStore(options.CheckpointFolder).ReadAllAsync(CancellationToken.None);
        using var publicKey = AuditPublicKey.Load(options.ResolvedPublicKeyPath);
        return await VerifyBothWaysAsync(dataSource, checkpoints, publicKey);
    }

    /// <summary>Verifies in one walk and split in two halves (as large logs are), and checks both agree.</summary>
    public static async Task<AuditVerificationResult> VerifyBothWaysAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<SignedCheckpoint> checkpoints, AuditPublicKey? publicKey)
    {
        var whole = await new AuditVerifier().VerifyAsync(dataSource, checkpoints, publicKey, CancellationToken.None);
        var split = await new AuditVerifier { SplitThreshold = 2 }.VerifyAsync(dataSource, checkpoints, publicKey, CancellationToken.None);
        Assert.Equal(
            (whole.EventsChecked, whole.LastSeq, whole.HeadHash, whole.CheckpointsMatched, whole.FirstDamage),
            (split.EventsChecked, split.LastSeq, split.HeadHash, split.CheckpointsMatched, split.FirstDamage));
        return whole;
    }
}
