using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessBot.Workflows.Digest;

/// <summary>Dependency-injection registration of the weekly digest.</summary>
public static class DigestServiceCollectionExtensions
{
    /// <summary>
    /// Registers the digest. The host supplies <see cref="Npgsql.NpgsqlDataSource"/>, <see cref="Policy.IPolicyProvider"/>,
    /// the <see cref="Notifications.IChatNotifier"/>s, one <see cref="DigestMarkup"/> per chat platform and, optionally, an
    /// <see cref="IAuditChainCheck"/>; then calls <see cref="DigestJobs.Register"/> once Hangfire is up.
    /// </summary>
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>()
            .BindConfiguration(DigestOptions.Section)
            // The operator's template folder is one setting for every template (AccessBot__TemplatesPath).
            .Configure<IConfiguration>((o, configuration) => o.TemplatesPath ??= configuration[DigestOptions.SharedTemplatesPathKey])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DigestRenderer>();
        // Scoped: the chat adapters register their notifiers per scope (a Hangfire job, a CLI run).
        services.TryAddScoped<IDigestQueries, PostgresDigestQueries>();
        services.TryAddScoped<DigestComposer>();
        services.TryAddScoped<DigestSender>();
        services.TryAddScoped<DigestJob>();
        return services;
    }
}
