using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AccessBot.Host.Health;

/// <summary>Healthy when the database answers <c>select 1</c>.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            var answer = await command.ExecuteScalarAsync(cancellationToken);
            return answer is 1 ? HealthCheckResult.Healthy("select 1 answered") : HealthCheckResult.Unhealthy("select 1 gave an unexpected answer");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The exception text stays out of the public response; the type is enough to start looking.
            return HealthCheckResult.Unhealthy($"database unreachable ({e.GetType().Name})");
        }
    }
}
