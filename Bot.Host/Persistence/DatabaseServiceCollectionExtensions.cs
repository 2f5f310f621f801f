using AccessBot.Workflows.Persistence;
using Npgsql;

namespace AccessBot.Host.Persistence;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>The environment variable operators set; named in every error about a missing connection string.</summary>
    public const string ConnectionStringVariable = "ConnectionStrings__AccessBot";

    /// <summary>
    /// Registers the one <see cref="NpgsqlDataSource"/> of the process. The connection string is read when the data
    /// source is first resolved, so <c>help</c> works without one and test hosts can supply theirs late; the engine's
    /// <see cref="DataSourceDefaults"/> apply where it does not say otherwise.
    /// </summary>
    public static IServiceCollection AddAccessBotDatabase(this IServiceCollection services)
    {
        services.AddNpgsqlDataSource("", (provider, builder) =>
        {
            builder.ConnectionStringBuilder.ConnectionString = RequireConnectionString(provider.GetRequiredService<IConfiguration>());
            DataSourceDefaults.Apply(builder.ConnectionStringBuilder);
        });
        return services;
    }

    /// <exception cref="InvalidOperationException">No connection string is configured; the message says how to set one.</exception>
    public static string RequireConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("AccessBot") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"No database is configured: set {ConnectionStringVariable} (environment or .env), e.g. " +
                $"{ConnectionStringVariable}=\"Host=127.0.0.1;Port=5432;Username=accessbot;Password=…;Database=accessbot\". " +
                "Bot.Host/run.sh starts a local PostgreSQL when it is unset.");
}
