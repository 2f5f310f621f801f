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
}
