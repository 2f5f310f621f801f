using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Workflows.Policy;

/// <summary>Named apart from ASP.NET Core's authorization <c>PolicyServiceCollectionExtensions</c>, which hosts also import.</summary>
public static class PolicyFileServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPolicyProvider"/> backed by <see cref="FilePolicyProvider"/> (configuration
    /// <c>AccessBot:PolicyFile</c>, relative to the content root). The file is loaded when the host starts; an invalid
    /// file makes start-up fail with every error.
    /// </summary>
    public static IServiceCollection AddPolicy(this IServiceCollection services)
    {
        services.AddOptions<PolicyOptions>()
            .BindConfiguration(PolicyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FilePolicyProvider(
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value.ResolvePath(sp.GetService<IHostEnvironment>()?.ContentRootPath),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FilePolicyProvider>>(),
            ProvisionerKinds.Installed(sp)));
        services.TryAddSingleton<IPolicyProvider>(sp => sp.GetRequiredService<FilePolicyProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PolicyStartupLoader>());
        return services;
    }

    /// <summary>
    /// Records policy loads, changes and refused edits in the audit log (<c>policy.loaded</c>, <c>policy.changed</c>,
    /// <c>policy.change_refused</c>). Needs <see cref="AddPolicy"/>, <see cref="Audit.IAuditLog"/> and an <see cref="Npgsql.NpgsqlDataSource"/>.
    /// </summary>
    public static IServiceCollection AddPolicyAuditTrail(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PolicyAuditTrail>());
        return services;
    }
}
