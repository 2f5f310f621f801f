using AccessBot.Workflows.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessBot.Workflows;

/// <summary>Registers the engine. The host supplies the <see cref="Npgsql.NpgsqlDataSource"/> and Hangfire.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditLog, PostgresAuditLog>();
        return services;
    }
}
