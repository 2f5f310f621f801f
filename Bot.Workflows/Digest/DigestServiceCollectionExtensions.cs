using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccessBot.Workflows.Digest;

public static class DigestServiceCollectionExtensions
{
    /// <summary>
    /// Registers the digest. The host supplies <see cref="Npgsql.NpgsqlDataSource"/>, <see cref="Policy.IPolicyProvider"/>,
    /// the <see cref="Notifications.IChatNotifier"/>s, one <see cref="DigestMarkup"/> per chat platform and, optionally, an
    /// <see cref="IAuditChainCheck"/>; then calls <see cref="DigestJobs.Register"/> once Hangfire is up.
    /// </summary>
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDigestQueries, PostgresDigestQueries>();
        services.TryAddSingleton<DigestRenderer>();
        services.TryAddSingleton<DigestComposer>();
        services.TryAddSingleton<DigestSender>();
        services.TryAddTransient<DigestJob>();
        return services;
    }
}
