using AccessBot.Adapters.Rendering;
using AccessBot.Adapters.Slack;
using AccessBot.Adapters.Teams;
using AccessBot.Host.Cli.Access;
using AccessBot.Host.Cli.Audit;
using AccessBot.Host.Cli.Digest;
using AccessBot.Host.Cli.Policy;
using AccessBot.Host.Cli.Request;
using AccessBot.Workflows;
using AccessBot.Workflows.Alerts;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Policy;
using AccessBot.Workflows.Provisioning;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;
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
        services.AddSlackAdapter();
        services.AddTeamsAdapter();
        UseJobFilter(new RetryAfterFilter());
        services.AddAlerts();
        services.TryAddScoped<IAuditChainCheck, AuditVerifierChainCheck>();
        // The chat adapters escape notification text for their own markup, so the digest hands them plain text.
        services.AddSingleton(DigestMarkup.Plain("slack"));
        services.AddSingleton(DigestMarkup.Plain("teams"));

        services.AddPolicyVerbs();
        services.AddAuditVerbs();
        services.AddRequestVerbs();
        services.AddAccessVerbs();
        services.AddDigestVerbs();
        return services;
    }

    /// <summary>Hangfire's filters are process-wide; several hosts in one process (tests) must not stack copies.</summary>
    private static void UseJobFilter(JobFilterAttribute filter)
    {
        lock (GlobalJobFilters.Filters)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance.GetType() == filter.GetType())) GlobalJobFilters.Filters.Add(filter);
        }
    }

    /// <summary>
    /// The recurring jobs: reconcile every minute, audit checkpoint hourly, alert scans, and the digest on the policy's
    /// schedule (registered again whenever a policy reload changes it). Idempotent; call once the schema is ready.
    /// </summary>
    public static WebApplication RegisterRecurringJobs(this WebApplication app)
    {
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        RecurringJobs.Register(manager);
        AuditJobs.Register(manager);
        AlertJobs.Register(manager, app.Services.GetRequiredService<IOptions<AlertOptions>>().Value);
        var policies = app.Services.GetRequiredService<IPolicyProvider>();
        DigestJobs.Register(manager, policies.Current);
        if (policies is FilePolicyProvider file)
            file.Reloaded += (_, result) => { if (result.Outcome == PolicyReloadOutcome.Swapped) DigestJobs.Register(manager, result.Current); };
        return app;
    }
}
