using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessBot.Adapters.Rendering;

public static class RenderingServiceCollectionExtensions
{
    /// <summary>Registers the renderer; the host should resolve it at start-up so a broken template stops the process.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.Section);
        services.TryAddSingleton<TemplateRenderer>();
        services.AddHostedService<TemplateStartupCheck>();
        return services;
    }
}
