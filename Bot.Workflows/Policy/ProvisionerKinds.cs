using AccessBot.Workflows.Provisioning;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Workflows.Policy;

/// <summary>Which <c>provisioner.kind</c> values a policy may use in this process.</summary>
public static class ProvisionerKinds
{
    /// <summary>The kinds of the registered <see cref="IProvisioner"/>s, or null when none are registered (kinds are then not checked).</summary>
    public static IReadOnlyCollection<string>? Installed(IServiceProvider services)
    {
        var kinds = services.GetServices<IProvisioner>().Select(p => p.Kind).Distinct(StringComparer.Ordinal).ToArray();
        return kinds.Length == 0 ? null : kinds;
    }
}
