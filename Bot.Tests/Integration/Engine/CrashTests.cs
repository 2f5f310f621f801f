using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>A transition that dies half-way leaves no trace: no state change without its audit record and outbox rows.</summary>
[Collection(nameof(PostgresCollection))]
public sealed class CrashTests(PostgresFixture db)
{
    /// <summary>Dies (throws) when asked to append the given action, after the transition has already written its rows.</summary>
    private sealed class DyingAuditLog(string dieOn) : IAuditLog
    {
        private readonly PostgresAuditLog _inner = new();

        public Task<long> AppendAsync(NpgsqlTransaction transaction, AuditRecord record, CancellationToken ct) =>
            record.Action == dieOn
                ? throw new IOException($"process died while auditing {dieOn}")
                : _inner.AppendAsync(transaction, record, ct);

        public void AddAppends(NpgsqlBatch batch, IReadOnlyList<AuditRecord> records, bool asynchronousCommit = false)
        {
            if (records.Any(r => r.Action == dieOn)) throw new IOException($"process died while auditing {dieOn}");
            _inner.AddAppends(batch, records, asynchronousCommit);
        }
    }

    /// <summary>Its append of the given action fails inside the database, in the same round trip as the COMMIT after it.</summary>
    private sealed class FailingInDatabaseAuditLog(string failOn) : IAuditLog
    {
        private readonly PostgresAuditLog _inner = new();

        public Task<long> AppendAsync(NpgsqlTransaction transaction, AuditRecord record, CancellationToken ct) =>
            _inner.AppendAsync(transaction, record, ct);

        public void AddAppends(NpgsqlBatch batch, IReadOnlyList<AuditRecord> records, bool asynchronousCommit = false)
        {
            _inner.AddAppends(batch, records, asynchronousCommit);
            if (records.Any(r => r.Action == failOn)) batch.BatchCommands.Add(new NpgsqlBatchCommand("select 1 / 0"));
        }
    }

    private EngineHarness Dying(string action) =>
        new(db.DataSource, configure: s => s.AddSingleton<IAuditLog>(new DyingAuditLog(action)));

    [Fact]
    public Task Approval_that_dies_before_its_audit_record_leaves_the_request_untouched() =>
        ApprovalThatFailsLeavesTheRequestUntouchedAsync<IOException>(new DyingAuditLog("request.approved"));

    [Fact]
    public Task Append_that_fails_in_the_database_skips_the_commit_sent_with_it() =>
        ApprovalThatFailsLeavesTheRequestUntouchedAsync<PostgresException>(new FailingInDatabaseAuditLog("request.approved"));

    private async Task ApprovalThatFailsLeavesTheRequestUntouchedAsync<TException>(IAuditLog audit) where TException : Exception
    {
        await using var h = new EngineHarness(db.DataSource, configure: s => s.AddSingleton(audit));
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var outboxBefore = await h.OutboxAsync(request.Id);

        await Assert.ThrowsAsync<TException>(() => h.DecideAsync(request.Id, EngineHarness.Bob));

        var after = await h.GetAsync(request.Id);
        Assert.Equal((RequestState.Pending, 1L), (after.State, after.Version));
        Assert.Empty(after.Approvals);
        Assert.Equal(["request.submitted"], await h.AuditActionsAsync(request.Id));
        Assert.Equal(outboxBefore.Select(o => o.Id), (await h.OutboxAsync(request.Id)).Select(o => o.Id));
    }

    [Fact]
    public async Task Grant_that_dies_before_its_audit_record_leaves_no_grant_and_no_expiry_job()
    {
        await using var h = Dying("grant.granted");
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        await h.DecideAsync(request.Id, EngineHarness.Bob);

        await Assert.ThrowsAsync<IOException>(() => h.Lifecycle.ProvisionAsync(request.Id, CancellationToken.None));

        Assert.Equal(RequestState.Approved, (await h.GetAsync(request.Id)).State);
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from grants where request_id = @id", request.Id.Value));
        Assert.DoesNotContain(await h.OutboxAsync(request.Id), o => o.Kind is OutboxKinds.Expire or OutboxKinds.Remind);
        Assert.DoesNotContain("grant.granted", await h.AuditActionsAsync(request.Id));
    }

    [Fact]
    public async Task Transaction_abandoned_after_update_audit_and_outbox_leaves_no_half_state()
    {
        await using var h = new EngineHarness(db.DataSource);
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var record = await RequestReader.LoadAsync(db.DataSource, request.Id, CancellationToken.None);
        var engine = h.Get<EngineServices>();
        var auditCount = await AuditCountAsync();

        await using (var tx = await engine.BeginAsync(CancellationToken.None))
        {
            Assert.True(await tx.TryUpdateAsync(record!, "state = 'approved', current_step = 0, decided_at = now()", null, CancellationToken.None));
            await engine.Audit.AppendAsync(tx.Transaction, new AuditRecord(AccessBot.Workflows.Identity.Actor.System("test"), "request.approved", request.Id, "prod-db"), CancellationToken.None);
            await engine.Outbox.WriteAsync(tx.Transaction, new OutboxItem(OutboxKinds.Provision, request.Id), CancellationToken.None);
        }

        Assert.Equal(RequestState.Pending, (await h.GetAsync(request.Id)).State);
        Assert.Equal(auditCount, await AuditCountAsync());
        Assert.DoesNotContain(await h.OutboxAsync(request.Id), o => o.Kind == OutboxKinds.Provision);
    }

    [Fact]
    public async Task Update_sent_with_its_commit_that_finds_the_request_changed_writes_nothing()
    {
        await using var h = new EngineHarness(db.DataSource);
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var stale = await RequestReader.LoadAsync(db.DataSource, request.Id, CancellationToken.None);
        await h.DecideAsync(request.Id, EngineHarness.Bob);
        var engine = h.Get<EngineServices>();
        var auditCount = await AuditCountAsync();
        var outboxBefore = (await h.OutboxAsync(request.Id)).Select(o => o.Id).ToList();

        await using (var tx = await engine.BeginAsync(CancellationToken.None))
        {
            tx.UpdateAtCommit(stale!, "state = 'denied', closed_at = now(), closed_reason = 'denied'", null);
            tx.Audit(new AuditRecord(AccessBot.Workflows.Identity.Actor.System("test"), "request.denied", request.Id, "prod-db"));
            tx.Enqueue(new OutboxItem(OutboxKinds.Provision, request.Id));
            Assert.False(await tx.TryCommitAsync(CancellationToken.None));
        }

        Assert.Equal(RequestState.Approved, (await h.GetAsync(request.Id)).State);
        Assert.Equal(auditCount, await AuditCountAsync());
        Assert.Equal(outboxBefore, (await h.OutboxAsync(request.Id)).Select(o => o.Id));
    }

    private async Task<long> AuditCountAsync()
    {
        await using var command = db.DataSource.CreateCommand("select count(*) from audit_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
