using AccessBot.Adapters.Teams.Auth;
using AccessBot.Adapters.Teams.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Adapters.Teams.Notifications;

/// <summary>Start-up warnings: anonymous mode, no tenant restriction, configured channels the app is not installed in.</summary>
public sealed class TeamsStartupCheck(
    IOptions<TeamsOptions> options, IHostEnvironment environment, IServiceScopeFactory scopes, ILogger<TeamsStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (BotTokenValidator.IsAnonymousAllowed(settings, environment)) Log.AnonymousMode(logger);
        else if (settings.IsAnonymous)
        {
            Log.NotConfigured(logger);
            return;
        }
        if (settings.EffectiveAllowedTenants().Count == 0) Log.AnyTenant(logger);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var missing = await TeamsChannelHealthCheck.MissingChannelsAsync(scope.ServiceProvider.GetRequiredService<TeamsTargets>(),
                scope.ServiceProvider.GetRequiredService<TeamsConversationStore>(), cancellationToken);
            foreach (var channel in missing) Log.ChannelNotInstalled(logger, channel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Best effort: the database or the policy may not be ready yet at start-up; /healthz reports the channels later.
            Log.StartupCheckSkipped(logger, e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
