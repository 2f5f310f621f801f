using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AccessBot.Adapters.Rendering;

/// <summary>
/// Builds the renderer while the host starts, so a template that does not parse stops start-up with its file, line and
/// column instead of failing the first message that needs it.
/// </summary>
internal sealed class TemplateStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<TemplateRenderer>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
