using AccessBot.Workflows.Persistence;
using Npgsql;

namespace AccessBot.Benchmarks;

/// <summary>A fresh, migrated database on the local cluster for one benchmark run; dropped afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private BenchDatabase(string server, string name, NpgsqlDataSource dataSource)
    {
        _server = server;
        Name = name;
        DataSource = dataSource;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The server to use: ACCESSBOT_TEST_DB, which the run script exports from the local cluster.</summary>
    public static string Server => Environment.GetEnvironmentVariable("ACCESSBOT_TEST_DB")
        ?? throw new InvalidOperationException("ACCESSBOT_TEST_DB is not set: run Bot.Tests/Benchmarks/run.sh.");

    public static async Task<BenchDatabase> CreateAsync(string purpose, int maxPoolSize, CancellationToken ct)
    {
        var name = $"accessbot_bench_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var admin = NpgsqlDataSource.Create(Server))
        await using (var create = admin.CreateCommand($"create database \"{name}\""))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        // The host's data source settings, so the figures are the product's.
        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = name, MaxPoolSize = maxPoolSize };
        DataSourceDefaults.Apply(builder);
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await Migrator.ApplyAsync(dataSource, ct);
        return new BenchDatabase(Server, name, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(_server);
        await using var drop = admin.CreateCommand($"drop database if exists \"{Name}\" with (force)");
        await drop.ExecuteNonQueryAsync();
    }
}
