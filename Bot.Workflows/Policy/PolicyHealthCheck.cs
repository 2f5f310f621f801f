using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccessBot.Workflows.Policy;

/// <summary>
/// Degraded while the file on disk differs from the policy in force because its last edit was refused: the bot still
/// works, but not with the rules the operator thinks it has.
/// </summary>
internal sealed class PolicyHealthCheck(FilePolicyProvider provider) : IHealthCheck
{
    public const string Name = "policy";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = provider.Current;
        var data = new Dictionary<string, object> { ["version"] = current.Version, ["file"] = provider.FilePath };
        if (provider.LastReload is not { Outcome: PolicyReloadOutcome.Rejected } rejected)
            return Task.FromResult(HealthCheckResult.Healthy($"policy version {current.Version} in force", data));

        data["errors"] = rejected.Errors.Select(e => e.ToString()).ToArray();
        return Task.FromResult(HealthCheckResult.Degraded(
            $"the policy file has {rejected.Errors.Count} error(s); version {current.Version} stays in force", data: data));
    }
}

public static class PolicyHealthChecksBuilderExtensions
{
    /// <summary>Adds the <c>policy</c> check (needs <see cref="PolicyFileServiceCollectionExtensions.AddPolicy"/>).</summary>
    public static IHealthChecksBuilder AddPolicyCheck(this IHealthChecksBuilder builder) =>
        builder.AddCheck<PolicyHealthCheck>(PolicyHealthCheck.Name);
}
