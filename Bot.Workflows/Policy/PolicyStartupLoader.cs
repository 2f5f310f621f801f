using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AccessBot.Workflows.Policy;

/// <summary>
/// Loads the policy before any other hosted service starts, so a bad file stops start-up with every error listed
/// instead of surfacing at the first request; then starts watching the file when configured to.
/// </summary>
internal sealed class PolicyStartupLoader(FilePolicyProvider provider, IOptions<PolicyOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Resolving the provider (a constructor dependency) has already loaded and validated the file.
        if (options.Value.ReloadOnChange) provider.StartWatching();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
