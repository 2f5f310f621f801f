using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Provisioning;
using AccessBot.Workflows.Provisioning.Drift;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessBot.Workflows;

/// <summary>
/// Registers the engine. The host supplies the <see cref="Npgsql.NpgsqlDataSource"/>, the <see cref="Policy.IPolicyProvider"/>
/// and Hangfire (<see cref="Hangfire.IBackgroundJobClient"/>; the server activates the jobs from this container), and calls
/// <see cref="RecurringJobs.Register"/> once the Hangfire storage is configured.
/// </summary>
public static class WorkflowsServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditLog, PostgresAuditLog>();

        services.TryAddSingleton<OutboxWriter>();
        services.TryAddSingleton<EngineServices>();
        services.TryAddSingleton<IAccessRequestService, AccessRequestService>();
        services.TryAddSingleton<IAccessRequestQueries, AccessRequestQueries>();
        services.TryAddSingleton<GrantLifecycle>();
        services.TryAddSingleton<PendingTimers>();

        services.TryAddSingleton<IPrincipalDirectory, PostgresPrincipalDirectory>();
        services.TryAddSingleton<IChatMessageStore, PostgresChatMessageStore>();
        services.TryAddSingleton<IConversationReferenceStore, PostgresConversationReferenceStore>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProvisioner, ManualProvisioner>());
        services.TryAddSingleton<ProvisionerRegistry>();

        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.TryAddTransient<ProvisionGrantJob>();
        services.TryAddTransient<DeprovisionGrantJob>();
        services.TryAddTransient<ExpireGrantJob>();
        services.TryAddTransient<RemindExpiryJob>();
        services.TryAddTransient<EscalateStepJob>();
        services.TryAddTransient<TimeOutRequestJob>();
        services.TryAddTransient<DeliverNotificationJob>();
        services.TryAddTransient<ReconcileJob>();
        services.AddDriftDetection();
        return services;
    }
}
