using System.Text.Json.Nodes;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Outbox;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>What a row says once written: a single piece of work has a statement of its own, several share one row.</summary>
[Collection(nameof(PostgresCollection))]
public sealed class OutboxWriterTests(PostgresFixture db)
{
    private static readonly DateTimeOffset Due = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public async Task One_piece_of_work_is_written_with_its_time_as_given_or_counted_from_the_database_clock()
    {
        await using var h = new EngineHarness(db.DataSource);
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var writer = h.Get<OutboxWriter>();

        var at = await writer.WriteOutsideAsync(db.DataSource, new OutboxItem(OutboxKinds.Expire, request.Id, RunAt: Due), CancellationToken.None);
        var later = await writer.WriteOutsideAsync(db.DataSource,
            new OutboxItem(OutboxKinds.Escalate, request.Id, new JsonObject { ["step"] = 2 }, Delay: TimeSpan.FromMinutes(90)), CancellationToken.None);
        var now = await writer.WriteOutsideAsync(db.DataSource, new OutboxItem(OutboxKinds.Provision, request.Id), CancellationToken.None);

        var work = (await h.OutboxAsync(request.Id)).Where(o => o.Id is var id && (id == at || id == later || id == now)).ToList();
        Assert.Equal([OutboxKinds.Expire, OutboxKinds.Escalate, OutboxKinds.Provision], work.Select(o => o.Kind));
        Assert.Equal(Due, work[0].RunAt);
        var created = await h.ScalarAsync<DateTime>("select created_at from outbox where id = @id", later);
        Assert.Equal(TimeSpan.FromMinutes(90), work[1].RunAt!.Value.UtcDateTime - created);
        Assert.Equal("{\"step\": 2}", work[1].Payload);
        Assert.Null(work[2].RunAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_row_folded_into_another_statement_is_written_exactly_when_that_statement_succeeds(bool statementFails)
    {
        await using var h = new EngineHarness(db.DataSource);
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var before = (await h.OutboxAsync(request.Id)).Count;
        var items = new List<OutboxItem>
        {
            new(OutboxKinds.Escalate, request.Id, new JsonObject { ["step"] = 1 }, Delay: TimeSpan.FromMinutes(5)),
            new(OutboxKinds.Provision, request.Id),
        };
        var statement = new Npgsql.NpgsqlBatchCommand("with n as (select @divisor::int as d) select 1 / n.d from n")
        {
            Parameters = { new Npgsql.NpgsqlParameter("divisor", statementFails ? 0 : 1) },
        };

        Assert.True(OutboxWriter.TryFoldInto(statement, items));
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var batch = new Npgsql.NpgsqlBatch(connection) { BatchCommands = { statement } };
        var run = batch.ExecuteNonQueryAsync();

        if (statementFails) await Assert.ThrowsAsync<Npgsql.PostgresException>(() => run);
        else await run;
        var after = await h.OutboxAsync(request.Id);
        Assert.Equal(statementFails ? before : before + 2, after.Count);
        if (!statementFails) Assert.Equal([OutboxKinds.Escalate, OutboxKinds.Provision], after.Skip(before).Select(o => o.Kind));
    }

    [Fact]
    public void Only_a_single_row_folds_and_only_into_a_with_statement()
    {
        var one = new List<OutboxItem> { new(OutboxKinds.Provision, new RequestId(1)) };
        var two = new List<OutboxItem> { new(OutboxKinds.Provision, new RequestId(1)), new(OutboxKinds.Provision, new RequestId(2)) };

        Assert.False(OutboxWriter.TryFoldInto(new Npgsql.NpgsqlBatchCommand("select 1"), one));
        Assert.False(OutboxWriter.TryFoldInto(new Npgsql.NpgsqlBatchCommand("with n as (select 1) select * from n"), two));
        Assert.False(OutboxWriter.TryFoldInto(new Npgsql.NpgsqlBatchCommand("with n as (select 1) select * from n"), []));
    }
}
