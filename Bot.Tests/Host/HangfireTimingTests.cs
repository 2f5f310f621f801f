using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Host;

/// <summary>The Hangfire settings that matter for access expiry, checked against the real host and database.</summary>
public sealed class HangfireTimingTests
{
    [Fact]
    public async Task A_scheduled_job_runs_within_5_seconds_of_its_due_time()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        await using var host = await StartHostAsync(database.ConnectionString);
        var probes = host.Services.GetRequiredService<ProbeSignals>();
        var due = TimeProvider.System.GetUtcNow().AddSeconds(3);

        host.Services.GetRequiredService<IBackgroundJobClient>().Schedule<ProbeJob>(j => j.Run("expiry"), due);
        var ranAt = await probes.For("expiry").WaitAsync(TimeSpan.FromSeconds(30));

        // Hangfire scores scheduled jobs in whole Unix seconds, so a job may start up to a second before its instant;
        // the expiry job re-checks the database clock and reschedules itself when it comes early.
        Assert.InRange(ranAt - due, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_job_fetched_by_a_worker_that_died_runs_on_another_server_after_the_invisibility_timeout()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        await using var deadReplica = DatabasePreparationTests.Services(database.ConnectionString);
        await AccessBot.Host.Persistence.DatabasePreparation.PrepareDatabaseAsync(deadReplica, CancellationToken.None);
        var storage = deadReplica.GetRequiredService<JobStorage>();
        new BackgroundJobClient(storage).Create(Job.FromExpression<ProbeJob>(j => j.Run("orphan")), new EnqueuedState());
        using (var connection = storage.GetConnection())
        {
            // Fetched and never finished, released or renewed: what a killed replica leaves behind.
            _ = connection.FetchNextJob(["default"], CancellationToken.None);
        }
        var abandonedAt = TimeProvider.System.GetUtcNow();

        await using var host = await StartHostAsync(database.ConnectionString, ("AccessBot:Hangfire:InvisibilityTimeout", "00:00:15"));
        var ranAt = await host.Services.GetRequiredService<ProbeSignals>().For("orphan").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.InRange(ranAt - abandonedAt, TimeSpan.FromSeconds(14), TimeSpan.FromSeconds(30));
    }

    private static async Task<WebApplicationFactory<Program>> StartHostAsync(string connectionString, params (string Key, string Value)[] settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:AccessBot", connectionString);
            web.UseSetting("AccessBot:PolicyFile", Path.Combine(RepositoryPaths.Root, "accessbot.yaml"));
            foreach (var (key, value) in settings) web.UseSetting(key, value);
            web.ConfigureServices(services => services.AddSingleton<ProbeSignals>().AddTransient<ProbeJob>());
        });
        _ = factory.Server;
        await factory.Services.GetRequiredService<AccessBot.Host.Jobs.HangfireServerStartedSignal>().Started.WaitAsync(TimeSpan.FromSeconds(30));
        return factory;
    }
}

/// <summary>When each probe job ran, by name.</summary>
public sealed class ProbeSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>> _runs = new(StringComparer.Ordinal);

    public Task<DateTimeOffset> For(string name) => Get(name).Task;

    public void Ran(string name) => Get(name).TrySetResult(TimeProvider.System.GetUtcNow());

    private TaskCompletionSource<DateTimeOffset> Get(string name) =>
        _runs.GetOrAdd(name, _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>A job that only reports that it ran.</summary>
public sealed class ProbeJob(ProbeSignals signals)
{
    public void Run(string name) => signals.Ran(name);
}
