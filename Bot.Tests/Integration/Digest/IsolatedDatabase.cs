using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.Persistence;
using Npgsql;

namespace AccessBot.Tests.Integration.Digest;

/// <summary>A migrated database of its own (digest figures count every row of a week), dropped on dispose.</summary>
internal sealed class IsolatedDatabase : IAsyncDisposable
{
    private readonly string _name;

    private IsolatedDatabase(string name, NpgsqlDataSource dataSource)
    {
        _name = name;
        DataSource = dataSource;
    }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<IsolatedDatabase> CreateAsync(string purpose)
    {
        var name = $"accessbot_test_{purpose}_{Guid.NewGuid():N}";
        await using (var admin = NpgsqlDataSource.Create(PostgresFixture.Server))
        await using (var create = admin.CreateCommand($"create database \"{name}\""))
        {
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresFixture.Server) { Database = name }.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator.ApplyAsync(dataSource, CancellationToken.None);
        return new IsolatedDatabase(name, dataSource);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(PostgresFixture.Server);
        await using var drop = admin.CreateCommand($"drop database if exists \"{_name}\" with (force)");
        await drop.ExecuteNonQueryAsync();
    }
}
