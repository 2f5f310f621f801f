using AccessBot.Tests.Fixtures;
using AccessBot.Tests.Integration.Provisioning;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>
/// How many round trips a transition takes, counted from the driver's own log: it logs every command or batch it sends
/// (<see cref="NpgsqlEventId.ExecutingCommand"/>) on the data source it was built with.
/// </summary>
[Collection(nameof(PostgresCollection))]
public sealed class RoundTripTests(PostgresFixture db) : IAsyncLifetime
{
    private readonly RecordingLoggerProvider _log = new();
    private ILoggerFactory _loggers = null!;
    private NpgsqlDataSource _dataSource = null!;
    private EngineHarness _h = null!;

    public Task InitializeAsync()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(_log).SetMinimumLevel(LogLevel.Debug));
        _dataSource = new NpgsqlDataSourceBuilder(db.ConnectionString).UseLoggerFactory(_loggers).Build();
        _h = new EngineHarness(_dataSource);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _dataSource.DisposeAsync();
        _loggers.Dispose();
    }

    [Fact]
    public async Task A_pending_submission_is_one_round_trip_once_its_id_is_at_hand()
    {
        var counts = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            var requester = await _h.PersonAsync(EngineHarness.NewEmail("alice"));
            counts.Add(await RoundTripsAsync(async () => Assert.IsType<SubmitOutcome.Submitted>(await _h.Engine.SubmitAsync(
                new SubmitRequest(requester, "prod-db", null, "fix orders", new RequestOrigin("test", null, null)), CancellationToken.None))));
        }

        // The ids come in blocks of 1, 2, 4, …: a submission that opens a block draws it first, one more round trip.
        Assert.Equal([2, 2, 1, 2, 1, 1, 1], counts);
    }

    [Fact]
    public async Task Deciding_a_request_this_engine_filed_skips_the_read_and_another_engine_reads_it_first()
    {
        var approver = await _h.PersonAsync(EngineHarness.Bob);
        var first = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), "two-step");
        var second = await _h.SubmitAsync(EngineHarness.NewEmail("alice"), "two-step");
        await using var other = new EngineHarness(_dataSource);

        var here = await RoundTripsAsync(async () => Assert.IsType<DecisionOutcome.Recorded>(
            await _h.Engine.DecideAsync(new DecideRequest(first.Id, approver, true, null), CancellationToken.None)));
        var elsewhere = await RoundTripsAsync(async () => Assert.IsType<DecisionOutcome.Recorded>(
            await other.Engine.DecideAsync(new DecideRequest(second.Id, approver, true, null), CancellationToken.None)));

        Assert.Equal((1, 2), (here, elsewhere));
    }

    [Fact]
    public async Task The_grant_job_and_the_expiry_read_the_request_without_its_approvals()
    {
        var request = await _h.SubmitAsync(EngineHarness.NewEmail("alice"));
        Assert.IsType<DecisionOutcome.Recorded>(await _h.DecideAsync(request.Id, EngineHarness.Bob));

        _log.Lines.Clear();
        await _h.Lifecycle.ProvisionAsync(request.Id, CancellationToken.None);
        await _h.ExecAsync("update access_requests set expires_at = now() where id = @id", request.Id.Value);
        var expiry = await _h.Lifecycle.ExpireAsync(request.Id, Actor.System("test"), CancellationToken.None);

        Assert.IsType<ExpiryResult.Expired>(expiry);
        var sent = _log.Lines.Where(line => line.StartsWith($"{NpgsqlEventId.ExecutingCommand} ", StringComparison.Ordinal)).ToList();
        Assert.Contains(sent, line => line.Contains("provision_attempts", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, line => line.Contains("json_agg", StringComparison.Ordinal));
    }

    private async Task<int> RoundTripsAsync(Func<Task> action)
    {
        _log.Lines.Clear();
        await action();
        return _log.Lines.Count(line => line.StartsWith($"{NpgsqlEventId.ExecutingCommand} ", StringComparison.Ordinal));
    }
}
