using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccessBot.Tests.Workflows.Policy;

public sealed class PolicyHealthCheckTests : IDisposable
{
    private readonly PolicyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_refused_edit_degrades_health_until_the_file_is_fixed()
    {
        var path = _folder.Write(PolicyYaml.Valid);
        using var provider = new FilePolicyProvider(path, TimeProvider.System, NullLogger<FilePolicyProvider>.Instance);
        var check = new PolicyHealthCheck(provider);

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);

        _folder.Write(PolicyYaml.With("max_duration: 4h", "max_duration: 4x"));
        provider.Reload();
        var degraded = await CheckAsync(check);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("resources.prod-db.max_duration", Assert.Single((string[])degraded.Data["errors"]), StringComparison.Ordinal);

        _folder.Write(PolicyYaml.With("max_duration: 4h", "max_duration: 3h"));
        provider.Reload();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
    }

    private static Task<HealthCheckResult> CheckAsync(PolicyHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("policy", check, null, null) });
}
