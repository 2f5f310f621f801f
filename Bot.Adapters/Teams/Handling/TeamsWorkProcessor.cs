using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>
/// Runs queued Teams work with a few parallel workers, one scope per item. A command is never re-run (it may have changed
/// state); its replies retry throttling themselves. A failure is logged and never stops the loop.
/// </summary>
public sealed class TeamsWorkProcessor(
    TeamsWorkQueue queue, IServiceScopeFactory scopes, ILogger<TeamsWorkProcessor> logger) : BackgroundService
{
    private const int Workers = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
                await RunSafelyAsync(item, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task RunSafelyAsync(TeamsWork item, CancellationToken ct)
    {
        try
        {
            await RunAsync(item, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One bad item (a blocked user, a template an operator broke) must not stop every later one.
            Log.WorkFailed(logger, item.GetType().Name, e);
        }
    }

    private async Task RunAsync(TeamsWork item, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        switch (item)
        {
            case TeamsWork.InboundMessage message:
                await services.GetRequiredService<TeamsMessageHandler>().HandleAsync(message.Activity, ct);
                break;
            case TeamsWork.RefreshCopies refresh:
                await services.GetRequiredService<TeamsCopyRefresher>()
                    .RefreshAsync(refresh.RequestId, refresh.ExceptChannel, refresh.ExceptMessageId, ct);
                break;
        }
    }
}
