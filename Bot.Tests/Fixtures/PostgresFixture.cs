using AccessBot.Workflows.Persistence;
using Npgsql;

namespace AccessBot.Tests.Fixtures;

/// <summary>
/// A fresh database on the local test cluster for one test collection, migrated with the production scripts, dropped at the end.
/// The server comes from <c>ACCESSBOT_TEST_DB</c> (the test script sets it from the cluster it starts).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public static string Server { get; } = Environment.GetEnvironmentVariable("ACCESSBOT_TEST_DB")
        ?? throw new InvalidOperationException(
            "ACCESSBOT_TEST_DB is not set. Run the tests with Bot.Tests/run-tests.sh, which starts the local PostgreSQL cluster, " +
            "or export ACCESSBOT_TEST_DB=\"Host=127.0.0.1;Port=…;Username=…;Password=…;Database=postgres\".");

    private readonly List<string> _isolated = [];

    public string DatabaseName { get; } = $"accessbot_test_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await using (var admin = NpgsqlDataSource.Create(Server))
        await using (var create = admin.CreateCommand($"create database \"{DatabaseName}\""))
        {
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = DatabaseName }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await Migrator.ApplyAsync(DataSource, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(Server);
        string[] names;
        lock (_isolated) names = [.. _isolated, DatabaseName];
        foreach (var name in names)
        {
            await using var drop = admin.CreateCommand($"drop database if exists \"{name}\" with (force)");
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A data source on a brand-new, migrated database of its own (for tests that must not share state).</summary>
    public async Task<NpgsqlDataSource> CreateIsolatedDatabaseAsync(string suffix)
    {
        var name = $"{DatabaseName}_{suffix}";
        lock (_isolated) _isolated.Add(name);
        await using (var admin = NpgsqlDataSource.Create(Server))
        await using (var create = admin.CreateCommand($"create database \"{name}\""))
        {
            await create.ExecuteNonQueryAsync();
        }
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString);
        await Migrator.ApplyAsync(dataSource, CancellationToken.None);
        return dataSource;
    }
}

[CollectionDefinition(nameof(PostgresCollection))]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
