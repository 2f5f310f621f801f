using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Host.Jobs;

/// <summary>Hangfire on PostgreSQL: storage in its own schema, the server (web host only) and the loopback-only dashboard.</summary>
public static class HangfireSetup
{
    public const string SchemaName = "hangfire";
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// Registers Hangfire's client services and storage; with <paramref name="runServer"/> also the processing server
    /// (CLI verbs run no jobs: their follow-up work waits in the outbox for a serving replica).
    /// </summary>
    public static IServiceCollection AddAccessBotHangfire(this IServiceCollection services, bool runServer)
    {
        services.AddOptions<HangfireOptions>().BindConfiguration(HangfireOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Registered before AddHangfire (which only TryAdds) so each host has its own storage and activator instead of
        // Hangfire's process-wide statics: tests run several hosts in one process.
        services.AddSingleton<JobStorage>(provider => CreateStorage(provider));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        // The container disposes the attachment with the host, which takes this host's loggers out of Hangfire's static.
        services.AddSingleton(provider => HangfireLogBridge.Attach(provider.GetRequiredService<ILoggerFactory>()));
        services.AddHangfire((provider, configuration) =>
        {
            _ = provider.GetRequiredService<HangfireLogBridge.Attachment>();
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLogBridge.Instance);
        });

        services.AddSingleton<HangfireServerStartedSignal>();
        services.AddSingleton<LoopbackDashboardAuthorizationFilter>();
        if (runServer)
        {
            services.AddSingleton<Hangfire.Server.IBackgroundProcess>(provider => provider.GetRequiredService<HangfireServerStartedSignal>());
            services.AddHangfireServer((provider, server) =>
            {
                var options = provider.GetRequiredService<IOptions<HangfireOptions>>().Value;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.HeartbeatInterval = options.HeartbeatInterval;
                server.ServerTimeout = options.ServerTimeout;
                server.ServerCheckInterval = options.ServerTimeout / 2;
            });
        }
        return services;
    }

    /// <summary>Maps the dashboard at <see cref="DashboardPath"/>; only loopback requests without proxy headers get in.</summary>
    public static IEndpointConventionBuilder MapAccessBotDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [endpoints.ServiceProvider.GetRequiredService<LoopbackDashboardAuthorizationFilter>()],
            DashboardTitle = "AccessBot jobs",
            DisplayStorageConnectionString = false,
            AppPath = null,
        });

    private static PostgreSqlStorage CreateStorage(IServiceProvider provider)
    {
        // Hangfire's global configuration (serializer, the log bridge) must be in place before the storage logs anything.
        _ = provider.GetRequiredService<IGlobalConfiguration>();
        var options = provider.GetRequiredService<IOptions<HangfireOptions>>().Value;
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = SchemaName,
            PrepareSchemaIfNecessary = true,
            // 1.21 retries a failed install five times and then starts "degraded" without saying so. The host installs
            // under an advisory lock after its migrations succeeded, so a failure here is real: fail start-up instead.
            StartupConnectionMaxRetries = 0,
            AllowDegradedModeWithoutStorage = false,
            QueuePollInterval = options.QueuePollInterval,
            // Without the sliding timeout a job fetched by a replica that died stays invisible for InvisibilityTimeout
            // (30 min by default); with it, live workers renew fetchedat every InvisibilityTimeout / 5, so a short
            // timeout is safe for long jobs and a dead replica's job is picked up again after about a minute.
            InvisibilityTimeout = options.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = options.DistributedLockTimeout,
            // The engine hands work to Hangfire through an outbox after commit; never enlist in an ambient transaction.
            EnableTransactionScopeEnlistment = false,
        };
        return new PostgreSqlStorage(new DataSourceConnectionFactory(provider.GetRequiredService<NpgsqlDataSource>()), storageOptions);
    }
}
