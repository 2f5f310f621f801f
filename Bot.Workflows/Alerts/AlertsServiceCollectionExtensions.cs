using AccessBot.Workflows.Digest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessBot.Workflows.Alerts;

/// <summary>Dependency-injection registration of the real-time alerts.</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the real-time alerts (and the digest services they share: templates, markups). The host then calls
    /// <see cref="AlertJobs.Register"/> once Hangfire is up.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddDigest();
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<AlertRenderer>();
        services.TryAddSingleton<AlertEvaluator>();
        // Scoped: they reach the chat notifiers, which the adapters register per scope.
        services.TryAddScoped<AlertDispatcher>();
        services.TryAddScoped<AlertScanJob>();
        services.TryAddScoped<AuditChainAlertJob>();
        return services;
    }
}
