using AccessBot.Workflows.Persistence;
using AccessBot.Host.Jobs;
using Hangfire;
using Npgsql;

namespace AccessBot.Host.Persistence;

/// <summary>
/// Brings the database up to date before anything uses it: the engine's migrations (under their own advisory lock),
/// then Hangfire's schema under a second advisory lock, because Hangfire.PostgreSql's installer takes no lock of its
/// own and replicas starting together on an empty database would race on its CREATE statements.
/// </summary>
public static class DatabasePreparation
{
    // Arbitrary constant shared by every replica ("AB hfire" as ASCII); distinct from the migrator's key.
    private const long HangfireSchemaLockKey = 0x4142206866697265;

    /// <summary>Applies pending migrations and prepares Hangfire's storage. Returns the migrations this call applied.</summary>
    public static async Task<IReadOnlyList<string>> PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabasePreparation).FullName!);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();

        var applied = await Migrator.ApplyAsync(dataSource, ct);
        if (applied.Count > 0) Log.MigrationsApplied(logger, string.Join(", ", applied));
        else Log.SchemaCurrent(logger);

        await services.PrepareHangfireStorageAsync(ct);
        return applied;
    }

    /// <summary>
    /// <see cref="PrepareDatabaseAsync"/> for the web host: a database that is missing, unreachable or refuses a migration
    /// ends start-up with one clear line (stderr and the log) instead of a crash dump.
    /// </summary>
    public static async Task<bool> TryPrepareDatabaseAsync(this WebApplication app)
    {
        try
        {
            await app.Services.PrepareDatabaseAsync(app.Lifetime.ApplicationStopping);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException or TimeoutException)
        {
            Log.StartupFailed(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabasePreparation).FullName!), e.Message);
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return false;
        }
    }

    /// <summary>Constructs Hangfire's storage (which installs or upgrades its schema) while holding the advisory lock.</summary>
    public static async Task PrepareHangfireStorageAsync(this IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabasePreparation).FullName!);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var acquire = new NpgsqlCommand("select pg_advisory_lock(@key)", connection))
        {
            acquire.Parameters.AddWithValue("key", HangfireSchemaLockKey);
            await acquire.ExecuteNonQueryAsync(ct);
        }
        try
        {
            // Resolving the storage constructs it, and its constructor installs or upgrades the schema.
            _ = services.GetRequiredService<JobStorage>();
            Log.HangfireStorageReady(logger, HangfireSetup.SchemaName);
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", HangfireSchemaLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
