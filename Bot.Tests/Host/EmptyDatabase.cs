using AccessBot.Tests.Fixtures;
using Npgsql;

namespace AccessBot.Tests.Host;

/// <summary>A brand-new database with no schema at all (what a first deployment meets), dropped on dispose.</summary>
internal sealed class EmptyDatabase : IAsyncDisposable
{
    private EmptyDatabase(string name) => Name = name;

    public string Name { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresFixture.Server) { Database = Name }.ConnectionString;

    public static async Task<EmptyDatabase> CreateAsync()
    {
        var database = new EmptyDatabase($"accessbot_host_{Guid.NewGuid():N}");
        await using var admin = NpgsqlDataSource.Create(PostgresFixture.Server);
        await using var create = admin.CreateCommand($"create database \"{database.Name}\"");
        await create.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(PostgresFixture.Server);
        await using var drop = admin.CreateCommand($"drop database if exists \"{Name}\" with (force)");
        await drop.ExecuteNonQueryAsync();
    }
}
