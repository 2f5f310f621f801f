using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using Npgsql;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>The request read with and without its approvals (the grant job and the expiry leave them out).</summary>
[Collection(nameof(PostgresCollection))]
public sealed class RequestReadTests(PostgresFixture db)
{
    [Fact]
    public async Task A_read_without_approvals_matches_the_full_read_and_refuses_to_count_or_show_them()
    {
        await using var h = new EngineHarness(db.DataSource);
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"), "quorum");
        Assert.IsType<DecisionOutcome.Recorded>(await h.DecideAsync(request.Id, EngineHarness.Bob));

        var full = await ReadAsync(request.Id, approvals: true);
        var lean = await ReadAsync(request.Id, approvals: false);

        Assert.True(full.ApprovalsRead);
        Assert.Equal(1, full.ApprovalsOnStep(1));
        Assert.False(lean.ApprovalsRead);
        Assert.Equal(full with { Approvals = [] }, lean with { Approvals = [], ApprovalsRead = true });
        Assert.Throws<InvalidOperationException>(() => lean.ApprovalsOnStep(1));
        Assert.Throws<InvalidOperationException>(() => lean.HasDecided(full.Approvals[0].Approver.Id));
        Assert.Throws<InvalidOperationException>(() => lean.ToSnapshot(h.Policy.Current));
    }

    private async Task<RequestRecord> ReadAsync(RequestId id, bool approvals)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { RequestReader.LoadCommand(id, null, "", "", approvals) } };
        await using var reader = await batch.ExecuteReaderAsync();
        return (await RequestReader.ReadAsync(reader, CancellationToken.None))!;
    }
}
