using AccessBot.Workflows.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessBot.Workflows.Provisioning.Drift;

public static class DriftServiceCollectionExtensions
{
    /// <summary>
    /// Registers drift detection (<see cref="DriftDetector"/>, its recurring <see cref="DriftCheckJob"/>) and the
    /// <see cref="DriftInventory"/>. Needs the engine's services (database, policy, audit log, provisioners).
    /// </summary>
    public static IServiceCollection AddDriftDetection(this IServiceCollection services)
    {
        services.TryAddSingleton<DriftFindingStore>();
        services.TryAddSingleton<DriftDetector>();
        services.TryAddSingleton<DriftInventory>();
        services.TryAddTransient<DriftCheckJob>();
        return services;
    }
}
