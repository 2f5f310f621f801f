using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AccessBot.Tests.Integration.Audit;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are checked on Unix only
public sealed class AuditCheckpointerTests(AuditDatabaseFixture database) : IClassFixture<AuditDatabaseFixture>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("audit-checkpoint-");

    [Fact]
    public async Task The_first_checkpoint_creates_a_private_key_and_a_signed_file_named_by_seq()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 4);
        var options = AuditTestLog.Options(_folder);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

        var result = await AuditTestLog.Checkpointer(db, options, time).WriteAsync(CancellationToken.None);

        Assert.Equal(AuditCheckpointStatus.Written, result.Status);
        Assert.Equal(Path.Combine(options.CheckpointFolder, "0000000000000004.json"), result.Path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.SigningKeyPath));
        using var publicKey = AuditPublicKey.Load(Path.ChangeExtension(options.SigningKeyPath, null) + ".pub.pem");
        var stored = await AuditCheckpointStore.ReadAsync(result.Path!, CancellationToken.None);
        Assert.Null(publicKey.Check(stored));
        Assert.Equal((4L, 0L, publicKey.KeyId, time.GetUtcNow()), (stored.Seq, stored.PreviousSeq, stored.KeyId, stored.CreatedAt));
        Assert.Equal(4 * SignedCheckpoint.PrefixHexLength, stored.RowHashPrefixes.Length);
    }

    [Fact]
    public async Task A_checkpoint_is_recorded_as_an_audit_event_after_the_head_it_seals()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 3);

        var result = await AuditTestLog.Checkpointer(db, AuditTestLog.Options(_folder)).WriteAsync(CancellationToken.None);

        await using var command = db.CreateCommand("select seq, action, details::text from audit_events order by seq desc limit 1");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var details = JsonNode.Parse(reader.GetString(2))!;
        Assert.Equal((4L, AuditCheckpointer.CheckpointAction), (reader.GetInt64(0), reader.GetString(1)));
        Assert.Equal(3, (long)details["seq"]!);
        Assert.Equal(result.Checkpoint!.HeadHash, (string)details["headHash"]!);
        Assert.Equal("0000000000000003.json", (string)details["file"]!);
    }

    [Fact]
    public async Task Later_checkpoints_chain_on_and_the_scheduled_run_skips_its_own_event()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 3);
        var checkpointer = AuditTestLog.Checkpointer(db, AuditTestLog.Options(_folder));

        var first = await checkpointer.WriteScheduledAsync(CancellationToken.None);     // seals 3, appends 4
        var idle = await checkpointer.WriteScheduledAsync(CancellationToken.None);      // only its own event since
        await AuditTestLog.SeedAsync(db, 2, first: 10);                                  // 5, 6
        var second = await checkpointer.WriteScheduledAsync(CancellationToken.None);    // seals 4..6, appends 7

        Assert.Equal(AuditCheckpointStatus.Written, first.Status);
        Assert.Equal(AuditCheckpointStatus.UpToDate, idle.Status);
        Assert.Equal(first.Path, idle.Path);
        Assert.Equal((6L, 3L), (second.Checkpoint!.Seq, second.Checkpoint.PreviousSeq));
        Assert.Equal(3 * SignedCheckpoint.PrefixHexLength, second.Checkpoint.RowHashPrefixes.Length);
        var verified = await AuditTestLog.VerifyWithFolderAsync(db, AuditTestLog.Options(_folder));
        Assert.True(verified.IsIntact, verified.FirstDamage?.Description);
        Assert.Equal(2, verified.CheckpointsMatched);
    }

    [Fact]
    public async Task An_existing_checkpoint_file_is_never_overwritten()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 2);
        var options = AuditTestLog.Options(_folder);
        var store = new AuditCheckpointStore(options.CheckpointFolder);
        var first = await AuditTestLog.Checkpointer(db, options).WriteAsync(CancellationToken.None);
        var before = await File.ReadAllBytesAsync(first.Path!);

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(first.Checkpoint! with { Signature = "AAAA" }, CancellationToken.None));

        Assert.Equal(before, await File.ReadAllBytesAsync(first.Path!));
    }

    [Fact]
    public async Task A_damaged_chain_is_not_signed_and_the_listener_hears_why()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 5);
        await AuditTestLog.TamperAsync(db, "update audit_events set resource = 'staging-db' where seq = 2");
        var listener = new Mock<IAuditCheckpointListener>();
        var options = AuditTestLog.Options(_folder);

        var result = await AuditTestLog.Checkpointer(db, options, null, listener.Object).WriteAsync(CancellationToken.None);

        Assert.Equal(AuditCheckpointStatus.Refused, result.Status);
        Assert.Equal((2L, AuditDamageKind.ModifiedRow), (result.Damage!.Seq, result.Damage.Kind));
        Assert.False(Directory.Exists(options.CheckpointFolder) && Directory.EnumerateFiles(options.CheckpointFolder).Any());
        listener.Verify(l => l.CheckpointRefusedAsync(It.Is<AuditDamage>(d => d.Seq == 2), It.IsAny<CancellationToken>()), Times.Once);
        listener.Verify(l => l.CheckpointWrittenAsync(It.IsAny<SignedCheckpoint>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_listener_is_told_about_each_written_checkpoint()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 2);
        var listener = new Mock<IAuditCheckpointListener>();

        var result = await AuditTestLog.Checkpointer(db, AuditTestLog.Options(_folder), null, listener.Object).WriteAsync(CancellationToken.None);

        listener.Verify(l => l.CheckpointWrittenAsync(result.Checkpoint!, result.Path!, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_signing_key_readable_by_others_is_refused()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 1);
        var options = AuditTestLog.Options(_folder);
        await AuditTestLog.Checkpointer(db, options).WriteAsync(CancellationToken.None);
        File.SetUnixFileMode(options.SigningKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AuditTestLog.Checkpointer(db, options).WriteAsync(CancellationToken.None));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hourly_job_seals_the_head_and_fails_loudly_on_a_damaged_chain()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 3);
        var options = AuditTestLog.Options(_folder);
        var job = new AuditCheckpointJob(AuditTestLog.Checkpointer(db, options));

        await job.RunAsync(CancellationToken.None);
        await AuditTestLog.SeedAsync(db, 1, first: 20);
        await AuditTestLog.TamperAsync(db, "update audit_events set details = '{}' where seq = 5");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(CancellationToken.None));

        Assert.True(File.Exists(Path.Combine(options.CheckpointFolder, "0000000000000003.json")));
        Assert.Contains("Row 5 was modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checkpoint_job_is_registered_to_run_every_hour()
    {
        var manager = new Mock<Hangfire.IRecurringJobManager>();

        AuditJobs.Register(manager.Object);

        manager.Verify(m => m.AddOrUpdate(
            "audit-checkpoint",
            It.Is<Hangfire.Common.Job>(j => j.Type == typeof(AuditCheckpointJob) && j.Method.Name == nameof(AuditCheckpointJob.RunAsync)),
            "0 * * * *",
            It.IsAny<Hangfire.RecurringJobOptions>()), Times.Once);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
