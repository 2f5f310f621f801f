using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Slack.Work;

/// <summary>Runs queued Slack work a few items at a time, each in its own DI scope; one failure never stops the loop.</summary>
public sealed class SlackWorker(SlackWorkQueue queue, IServiceScopeFactory scopes, ILogger<SlackWorker> logger) : BackgroundService
{
    private const int Parallelism = 8;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Parallelism).Select(_ => LoopAsync(stoppingToken)));

    private async Task LoopAsync(CancellationToken ct)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(ct))
            await RunOneAsync(work, ct);
    }

    /// <summary>Runs one item now; tests call it directly.</summary>
    public async Task RunOneAsync(SlackWork work, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SlackWorkDispatcher>().RunAsync(work, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (!e.Data.Contains(SlackWorkDispatcher.LoggedKey)) Log.WorkFailed(logger, work.Kind, "-", e);
        }
    }
}
