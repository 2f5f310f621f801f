using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AccessBot.Adapters.Teams.Handling;

/// <summary>Runs queued Teams work, one scope per item; a failure is logged and never stops the loop.</summary>
public sealed class TeamsWorkProcessor(TeamsWorkQueue queue, IServiceScopeFactory scopes, ILogger<TeamsWorkProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                switch (item)
                {
                    case TeamsWork.InboundMessage message:
                        await services.GetRequiredService<TeamsMessageHandler>().HandleAsync(message.Activity, stoppingToken);
                        break;
                    case TeamsWork.RefreshCopies refresh:
                        await services.GetRequiredService<TeamsCopyRefresher>()
                            .RefreshAsync(refresh.RequestId, refresh.ExceptChannel, refresh.ExceptMessageId, stoppingToken);
                        break;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One bad item (a blocked user, a template an operator broke) must not stop every later one.
                Log.WorkFailed(logger, item.GetType().Name, e);
            }
        }
    }
}
