using AccessBot.Workflows.Audit;
using Npgsql;

namespace AccessBot.Tests.Integration.Audit;

/// <summary>Each test tampers with a fresh log as a superuser would and checks verify names the first bad seq.</summary>
public sealed class AuditTamperingTests(AuditDatabaseFixture database) : IClassFixture<AuditDatabaseFixture>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("audit-tamper-");

    private async Task<NpgsqlDataSource> LogWithAsync(int events)
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, events);
        return db;
    }

    private static async Task<AuditDamage> FirstDamageAsync(NpgsqlDataSource db)
    {
        var result = await AuditTestLog.VerifyBothWaysAsync(db, [], null);
        return Assert.IsType<AuditDamage>(result.FirstDamage);
    }

    [Fact]
    public async Task An_untouched_log_verifies()
    {
        var db = await LogWithAsync(25);

        var result = await AuditTestLog.VerifyBothWaysAsync(db, [], null);

        Assert.True(result.IsIntact);
        Assert.Equal(25, result.EventsChecked);
        Assert.Equal(25, result.LastSeq);
    }

    [Theory]
    [InlineData("update audit_events set details = details || '{\"ok\": true}' where seq = 5")]
    [InlineData("update audit_events set actor = 'mallory@example.com' where seq = 5")]
    [InlineData("update audit_events set at = at - interval '1 hour' where seq = 5")]
    public async Task A_modified_row_is_named(string sql)
    {
        var db = await LogWithAsync(10);
        await AuditTestLog.TamperAsync(db, sql);

        var damage = await FirstDamageAsync(db);

        Assert.Equal((5L, AuditDamageKind.ModifiedRow), (damage.Seq, damage.Kind));
    }

    [Fact]
    public async Task A_deleted_middle_row_is_named()
    {
        var db = await LogWithAsync(10);
        await AuditTestLog.TamperAsync(db, "delete from audit_events where seq = 6");

        var damage = await FirstDamageAsync(db);

        Assert.Equal((6L, AuditDamageKind.DeletedRow), (damage.Seq, damage.Kind));
    }

    [Fact]
    public async Task Deleted_rows_hidden_by_renumbering_the_rest_are_named()
    {
        var db = await LogWithAsync(10);
        await AuditTestLog.TamperAsync(db,
            "delete from audit_events where seq in (4, 5); " +
            "update audit_events set seq = seq + 1000 where seq > 5; update audit_events set seq = seq - 1002 where seq > 1000");

        var damage = await FirstDamageAsync(db);

        Assert.Equal((4L, AuditDamageKind.DeletedRow), (damage.Seq, damage.Kind));
        Assert.Contains("written as row 6", damage.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_last_row_is_caught_by_the_checkpoint()
    {
        var db = await LogWithAsync(10);
        var options = AuditTestLog.Options(_folder);
        var written = await AuditTestLog.Checkpointer(db, options).WriteAsync(CancellationToken.None);
        Assert.Equal(10, written.Checkpoint!.Seq); // the audit.checkpoint event itself is row 11
        await AuditTestLog.TamperAsync(db, "delete from audit_events where seq >= 10");

        var withoutCheckpoint = await new AuditVerifier().VerifyAsync(db, [], CancellationToken.None);
        var result = await AuditTestLog.VerifyWithFolderAsync(db, options);

        Assert.True(withoutCheckpoint.IsIntact);
        Assert.Equal((10L, AuditDamageKind.DeletedRow), (result.FirstDamage!.Seq, result.FirstDamage.Kind));
    }

    [Fact]
    public async Task An_inserted_row_is_named()
    {
        var db = await LogWithAsync(10);
        var prev = await HashOfAsync(db, 4);
        var at = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var forged = AuditCanonicalForm.ComputeHash(prev, 5, at, "mallory@example.com", "slack", "request.approved", 999, "prod-db", "{}", null);
        await AuditTestLog.TamperAsync(db,
            "update audit_events set seq = seq + 1000 where seq >= 5; update audit_events set seq = seq - 999 where seq > 1000; " +
            "insert into audit_events (seq, at, actor, platform, action, request_id, resource, details, prev_hash, hash) values " +
            $"(5, '2026-11-22T10:00:00Z', 'mallory@example.com', 'slack', 'request.approved', 999, 'prod-db', '{{}}', " +
            $"'\\x{Convert.ToHexString(prev)}', '\\x{Convert.ToHexString(forged)}')");

        var damage = await FirstDamageAsync(db);

        Assert.Equal((5L, AuditDamageKind.InsertedRow), (damage.Seq, damage.Kind));
    }

    [Fact]
    public async Task Two_swapped_rows_are_named_as_reordered()
    {
        var db = await LogWithAsync(10);
        await AuditTestLog.TamperAsync(db,
            "update audit_events set seq = 1000 where seq = 4; update audit_events set seq = 4 where seq = 5; " +
            "update audit_events set seq = 5 where seq = 1000");

        var damage = await FirstDamageAsync(db);

        Assert.Equal((4L, AuditDamageKind.ReorderedRows), (damage.Seq, damage.Kind));
    }

    [Fact]
    public async Task A_row_rewritten_with_a_recomputed_hash_breaks_the_next_link()
    {
        var db = await LogWithAsync(10);
        await AuditTestLog.TamperAsync(db, "update audit_events set actor = 'mallory@example.com' where seq = 6");
        await AuditTestLog.RehashAsync(db, 6, 6);

        var damage = await FirstDamageAsync(db);

        Assert.Equal((6L, AuditDamageKind.BrokenLink), (damage.Seq, damage.Kind));
    }

    [Fact]
    public async Task An_altered_prev_hash_is_a_broken_link()
    {
        var db = await LogWithAsync(10);
        await AuditTestLog.TamperAsync(db, "update audit_events set prev_hash = sha256('elsewhere') where seq = 8");

        var damage = await FirstDamageAsync(db);

        Assert.Equal((8L, AuditDamageKind.BrokenLink), (damage.Seq, damage.Kind));
    }

    [Fact]
    public async Task A_tail_rewritten_consistently_is_caught_only_by_the_checkpoint()
    {
        var db = await LogWithAsync(10);
        var options = AuditTestLog.Options(_folder);
        var checkpointer = AuditTestLog.Checkpointer(db, options);
        await checkpointer.WriteAsync(CancellationToken.None);          // seals 1..10, appends 11
        await AuditTestLog.SeedAsync(db, 5, first: 12);                  // 12..16
        await checkpointer.WriteAsync(CancellationToken.None);          // seals 11..16, appends 17
        await AuditTestLog.TamperAsync(db, "update audit_events set details = '{\"step\": 0}' where seq = 13");
        await AuditTestLog.RehashAsync(db, 13);

        var withoutCheckpoints = await new AuditVerifier().VerifyAsync(db, [], CancellationToken.None);
        var result = await AuditTestLog.VerifyWithFolderAsync(db, options);

        Assert.True(withoutCheckpoints.IsIntact);
        Assert.Equal((13L, AuditDamageKind.DiffersFromCheckpoint), (result.FirstDamage!.Seq, result.FirstDamage.Kind));
        Assert.Equal(1, result.CheckpointsMatched);
    }

    [Fact]
    public async Task A_forged_checkpoint_is_rejected()
    {
        var db = await LogWithAsync(6);
        var options = AuditTestLog.Options(_folder);
        var written = await AuditTestLog.Checkpointer(db, options).WriteAsync(CancellationToken.None);
        var forged = written.Checkpoint! with { Seq = 7, RowHashPrefixes = written.Checkpoint.RowHashPrefixes + "0000000000000000" };
        await new AuditCheckpointStore(options.CheckpointFolder).WriteAsync(forged, CancellationToken.None);

        var result = await AuditTestLog.VerifyWithFolderAsync(db, options);

        var rejected = Assert.Single(result.RejectedCheckpoints);
        Assert.Equal(7, rejected.Seq);
        Assert.Contains("signature does not verify", rejected.Reason, StringComparison.Ordinal);
        Assert.False(result.IsIntact);
        Assert.Null(result.FirstDamage);
        Assert.Equal(1, result.CheckpointsMatched);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(2L)]
    public async Task Verifying_up_to_a_seq_ignores_later_rows_but_not_missing_ones(long splitThreshold)
    {
        var db = await LogWithAsync(10);
        await AuditTestLog.TamperAsync(db, "update audit_events set actor = 'mallory@example.com' where seq = 8");
        var verifier = new AuditVerifier { SplitThreshold = splitThreshold };

        var beforeDamage = await verifier.VerifyUpToAsync(db, 7, [], null, CancellationToken.None);
        var atDamage = await verifier.VerifyUpToAsync(db, 8, [], null, CancellationToken.None);
        var beyondHead = await verifier.VerifyUpToAsync(await LogWithAsync(5), 8, [], null, CancellationToken.None);

        Assert.True(beforeDamage.IsIntact);
        Assert.Equal((7L, 7L), (beforeDamage.EventsChecked, beforeDamage.LastSeq));
        Assert.Equal((8L, AuditDamageKind.ModifiedRow), (atDamage.FirstDamage!.Seq, atDamage.FirstDamage.Kind));
        Assert.Equal((6L, AuditDamageKind.DeletedRow), (beyondHead.FirstDamage!.Seq, beyondHead.FirstDamage.Kind));
    }

    private static async Task<byte[]> HashOfAsync(NpgsqlDataSource db, long seq)
    {
        await using var command = db.CreateCommand($"select hash from audit_events where seq = {seq}");
        return (byte[])(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
