using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccessBot.Host.Health;

public static class HealthSetup
{
    public const string Path = "/healthz";

    public static IServiceCollection AddAccessBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5))
            .AddCheck<HangfireHealthCheck>("hangfire", HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>200 when every check is healthy, 503 otherwise; the body is JSON either way.</summary>
    public static IEndpointConventionBuilder MapAccessBotHealthChecks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
}
