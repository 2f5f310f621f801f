using System.Threading.Channels;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Persistence;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>The dispatcher against a real Hangfire storage (Hangfire.PostgreSql, schema "hangfire") on the test database.</summary>
[Collection(nameof(PostgresCollection))]
public sealed class OutboxDispatcherTests(PostgresFixture db) : IAsyncLifetime
{
    private PostgreSqlStorage _storage = null!;

    public Task InitializeAsync()
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true };
        _storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(db.ConnectionString, options), options);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_stopped_dispatcher_hands_back_a_pooled_connection_that_no_longer_listens()
    {
        // The host's pool does not reset sessions, so a LISTEN left on a returned connection would stay there.
        var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = 2, ApplicationName = $"unlisten-{Guid.NewGuid():N}" };
        DataSourceDefaults.Apply(builder);
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var h = new EngineHarness(dataSource, jobs: new BackgroundJobClient(_storage));
        var dispatcher = h.Get<OutboxDispatcher>();

        await dispatcher.StartAsync(CancellationToken.None);
        await WaitUntilAsync(async () => await ListeningSessionsAsync(builder.ApplicationName) == 1);
        await dispatcher.StopAsync(CancellationToken.None);

        await using var first = await dataSource.OpenConnectionAsync();
        await using var second = await dataSource.OpenConnectionAsync();
        foreach (var connection in new[] { first, second })
        {
            await using var channels = new NpgsqlCommand("select count(*) from pg_listening_channels()", connection);
            Assert.Equal(0L, await channels.ExecuteScalarAsync());
        }
    }

    private async Task<long> ListeningSessionsAsync(string applicationName)
    {
        await using var command = db.DataSource.CreateCommand(
            "select count(*) from pg_stat_activity where application_name = $1 and query like 'listen %'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = applicationName });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls a condition the test cannot be told about (another session's state), with a deadline.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition()) await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
    }

    [Fact]
    public async Task Committed_rows_become_hangfire_jobs_enqueued_or_scheduled_and_are_marked_once()
    {
        await using var h = new EngineHarness(db.DataSource, jobs: new BackgroundJobClient(_storage));
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var dispatcher = h.Get<OutboxDispatcher>();

        Assert.True(await dispatcher.DispatchPendingAsync(CancellationToken.None) >= 1);
        var again = await dispatcher.DispatchPendingAsync(CancellationToken.None);

        Assert.Equal(0, again);
        var rows = await DispatchedAsync(request.Id.Value);
        Assert.Equal(4, rows.Count);
        var monitoring = _storage.GetMonitoringApi();
        foreach (var (kind, jobId) in rows)
        {
            var details = monitoring.JobDetails(jobId);
            Assert.NotNull(details);
            var (type, state) = kind switch
            {
                OutboxKinds.Notify => (typeof(DeliverNotificationJob), EnqueuedState.StateName),
                OutboxKinds.Escalate => (typeof(EscalateStepJob), ScheduledState.StateName),
                OutboxKinds.TimeOut => (typeof(TimeOutRequestJob), ScheduledState.StateName),
                _ => throw new InvalidOperationException(kind),
            };
            Assert.Equal(type, details.Job.Type);
            Assert.Equal(state, details.History[0].StateName);
        }
        var escalate = monitoring.JobDetails(rows.Single(r => r.Kind == OutboxKinds.Escalate).JobId);
        Assert.Equal(request.Id.Value, escalate.Job.Args[0]);
        Assert.Equal(1, escalate.Job.Args[1]);
    }

    [Fact]
    public async Task Rows_of_a_transition_that_rolled_back_are_never_dispatched()
    {
        await using var h = new EngineHarness(db.DataSource, jobs: new BackgroundJobClient(_storage));
        long rowId;
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            rowId = await h.Get<OutboxWriter>().WriteAsync(transaction, new OutboxItem(OutboxKinds.Provision, new(long.MaxValue - 7)), CancellationToken.None);
        }

        await h.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);

        await using var command = db.DataSource.CreateCommand("select count(*) from outbox where id = @id");
        command.Parameters.AddWithValue("id", rowId);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_dispatcher_that_dies_mid_batch_leaves_rows_undispatched_for_the_next_run()
    {
        var dying = new DyingJobClient(new BackgroundJobClient(_storage), failOnCall: 2);
        await using var h = new EngineHarness(db.DataSource, jobs: dying);
        await h.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        dying.Arm();

        await Assert.ThrowsAsync<IOException>(() => h.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));

        Assert.Empty(await DispatchedAsync(request.Id.Value));
        await using var healthy = new EngineHarness(db.DataSource, jobs: new BackgroundJobClient(_storage));
        await healthy.Get<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
        Assert.Equal(4, (await DispatchedAsync(request.Id.Value)).Count);
    }

    [Fact]
    public async Task Running_dispatcher_wakes_on_notify_without_waiting_for_its_poll()
    {
        var created = Channel.CreateUnbounded<Job>();
        var client = new SignallingJobClient(new BackgroundJobClient(_storage), created.Writer);
        await using var h = new EngineHarness(db.DataSource, jobs: client,
            configure: s => s.Configure<OutboxOptions>(o => o.PollInterval = TimeSpan.FromMinutes(1)));
        await h.Get<OutboxWriter>().WriteOutsideAsync(db.DataSource, new OutboxItem(OutboxKinds.Notify, null), CancellationToken.None);
        var dispatcher = h.Get<OutboxDispatcher>();
        using var stop = new CancellationTokenSource();
        await dispatcher.StartAsync(stop.Token);
        try
        {
            await DrainAsync(created.Reader, TimeSpan.FromSeconds(20));

            var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var jobs = new List<Job>();
            for (var i = 0; i < 4; i++) jobs.Add(await created.Reader.ReadAsync(timeout.Token));
            Assert.Equal(2, jobs.Count(j => j.Type == typeof(DeliverNotificationJob)));
            Assert.Single(jobs, j => j.Type == typeof(EscalateStepJob) && (long)j.Args[0] == request.Id.Value);
            Assert.Single(jobs, j => j.Type == typeof(TimeOutRequestJob) && (long)j.Args[0] == request.Id.Value);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Reconcile_is_registered_as_a_minutely_recurring_job()
    {
        RecurringJobs.Register(new RecurringJobManager(_storage));
        RecurringJobs.Register(new RecurringJobManager(_storage));

        using var connection = _storage.GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == RecurringJobs.ReconcileId);
        Assert.Equal("* * * * *", job.Cron);
        Assert.Equal(typeof(ReconcileJob), job.Job.Type);
    }

    /// <summary>Waits for the first job (the dispatcher is listening by then) and takes whatever else the first round created.</summary>
    private static async Task DrainAsync(ChannelReader<Job> reader, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await reader.ReadAsync(cts.Token);
        while (reader.TryRead(out _)) { }
    }

    private async Task<List<(string Kind, string JobId)>> DispatchedAsync(long requestId)
    {
        await using var command = db.DataSource.CreateCommand(
            "select kind, job_id from outbox_items where request_id = @id and dispatched_at is not null and job_id is not null order by row_id, id");
        command.Parameters.AddWithValue("id", requestId);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<(string, string)>();
        while (await reader.ReadAsync()) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    private sealed class DyingJobClient(IBackgroundJobClient inner, int failOnCall) : IBackgroundJobClient
    {
        private int _calls = int.MinValue;

        public void Arm() => _calls = 0;

        public string Create(Job job, IState state) =>
            Interlocked.Increment(ref _calls) == failOnCall ? throw new IOException("dispatcher died") : inner.Create(job, state);

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }

    private sealed class SignallingJobClient(IBackgroundJobClient inner, ChannelWriter<Job> created) : IBackgroundJobClient
    {
        public string Create(Job job, IState state)
        {
            var id = inner.Create(job, state);
            created.TryWrite(job);
            return id;
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }
}
