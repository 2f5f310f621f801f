using AccessBot.Adapters.Rendering;
using AccessBot.Host.Cli.Audit;
using AccessBot.Host.Cli.Policy;
using AccessBot.Host.Cli.Request;
using AccessBot.Workflows;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Policy;
using AccessBot.Workflows.Provisioning;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessBot.Host;

/// <summary>The product's parts, each registered by its own <c>Add…</c> method; the host only lists them.</summary>
public static class ComponentsExtensions
{
    public static IServiceCollection AddAccessBotComponents(this IServiceCollection services)
    {
        services.AddPolicy();
        services.AddPolicyAuditTrail();
        services.AddHealthChecks().AddPolicyCheck();
        services.AddAuditLog();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditCheckpointListener, OutboxCheckpointListener>());
        services.AddProvisioners();
        services.AddWorkflows();
        services.AddTemplates();

        services.AddPolicyVerbs();
        services.AddAuditVerbs();
        services.AddRequestVerbs();
        return services;
    }

    /// <summary>The recurring jobs (reconcile every minute, audit checkpoint hourly). Idempotent; call once the schema is ready.</summary>
    public static WebApplication RegisterRecurringJobs(this WebApplication app)
    {
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        RecurringJobs.Register(manager);
        AuditJobs.Register(manager);
        return app;
    }
}
