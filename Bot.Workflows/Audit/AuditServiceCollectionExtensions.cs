using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AccessBot.Workflows.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audit log (<see cref="IAuditLog"/>), <see cref="AuditVerifier"/>, <see cref="AuditCheckpointer"/>,
    /// <see cref="AuditExporter"/>, <see cref="AuditCheckpointJob"/> and <see cref="AuditOptions"/> (section <c>AccessBot:Audit</c>).
    /// The host supplies the <see cref="Npgsql.NpgsqlDataSource"/> and any <see cref="IAuditCheckpointListener"/>.
    /// </summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditLog, PostgresAuditLog>();
        services.TryAddSingleton(sp => new AuditVerifier(sp.GetRequiredService<IOptions<AuditOptions>>()));
        services.TryAddSingleton<AuditCheckpointer>();
        services.TryAddSingleton<AuditExporter>();
        services.TryAddTransient<AuditCheckpointJob>();
        return services;
    }
}
