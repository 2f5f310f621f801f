using AccessBot.Workflows.Audit;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Integration.Audit;

/// <summary>The digest's and the chain alert's view of the verifier: up to a sequence number, with the configured checkpoints.</summary>
public sealed class AuditVerifierChainCheckTests(AuditDatabaseFixture database) : IClassFixture<AuditDatabaseFixture>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("audit-chain-check-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task An_intact_log_is_reported_intact_with_the_events_counted()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 12);
        var check = new AuditVerifierChainCheck(db, new AuditVerifier(), Options.Create(AuditTestLog.Options(_folder)));

        var result = await check.VerifyUpToAsync(12, CancellationToken.None);

        Assert.True(result.Intact);
        Assert.Null(result.FirstBrokenSeq);
        Assert.Contains("12 events", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_modified_row_before_the_limit_is_named()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 12);
        await AuditTestLog.TamperAsync(db, "update audit_events set actor = 'mallory@example.com' where seq = 7");
        var check = new AuditVerifierChainCheck(db, new AuditVerifier(), Options.Create(AuditTestLog.Options(_folder)));

        var result = await check.VerifyUpToAsync(12, CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(7, result.FirstBrokenSeq);
    }

    [Fact]
    public async Task Damage_after_the_limit_is_not_looked_at()
    {
        var db = await database.ResetAsync();
        await AuditTestLog.SeedAsync(db, 12);
        await AuditTestLog.TamperAsync(db, "update audit_events set actor = 'mallory@example.com' where seq = 11");
        var check = new AuditVerifierChainCheck(db, new AuditVerifier(), Options.Create(AuditTestLog.Options(_folder)));

        var result = await check.VerifyUpToAsync(10, CancellationToken.None);

        Assert.True(result.Intact);
    }
}
