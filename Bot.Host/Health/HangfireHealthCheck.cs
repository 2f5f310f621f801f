using AccessBot.Host.Jobs;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AccessBot.Host.Health;

/// <summary>
/// Healthy when Hangfire's storage answers and at least one Hangfire server (on any replica) sent a heartbeat within
/// <see cref="HangfireOptions.ServerTimeout"/>: someone is there to run expiries.
/// </summary>
public sealed class HangfireHealthCheck(JobStorage storage, IOptions<HangfireOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IList<Hangfire.Storage.Monitoring.ServerDto> servers;
        try
        {
            servers = storage.GetMonitoringApi().Servers();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Hangfire storage unreachable ({e.GetType().Name})"));
        }

        var since = time.GetUtcNow().UtcDateTime - options.Value.ServerTimeout;
        var alive = servers.Count(s => s.Heartbeat is { } beat && DateTime.SpecifyKind(beat, DateTimeKind.Utc) >= since);
        var data = new Dictionary<string, object> { ["servers"] = servers.Count, ["aliveServers"] = alive };
        return Task.FromResult(alive > 0
            ? HealthCheckResult.Healthy($"{alive} server(s) with a recent heartbeat", data)
            : HealthCheckResult.Unhealthy($"no Hangfire server sent a heartbeat in the last {options.Value.ServerTimeout}", data: data));
    }
}
