using AccessBot.Host.Jobs;
using AccessBot.Host.Persistence;
using AccessBot.Workflows.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccessBot.Tests.Host;

public sealed class DatabasePreparationTests
{
    [Fact]
    public async Task Replicas_preparing_an_empty_database_at_once_all_succeed()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var replicas = Enumerable.Range(0, 3).Select(_ => Services(database.ConnectionString)).ToList();

        var results = await Task.WhenAll(replicas.Select(r => r.PrepareDatabaseAsync(CancellationToken.None)));

        Assert.Equal(Migrator.Scripts.Select(s => s.Name), results.SelectMany(r => r).Order(StringComparer.Ordinal));
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var version = dataSource.CreateCommand("select max(version) from hangfire.schema");
        Assert.True(Convert.ToInt32(await version.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 20);
        foreach (var replica in replicas) await replica.DisposeAsync();
    }

    [Fact]
    public async Task Replicas_installing_hangfire_storage_at_once_on_an_empty_database_all_succeed()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var replicas = Enumerable.Range(0, 4).Select(_ => Services(database.ConnectionString)).ToList();
        using var start = new Barrier(replicas.Count);

        await Task.WhenAll(replicas.Select(r => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            await r.PrepareHangfireStorageAsync(CancellationToken.None);
        })));

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var version = dataSource.CreateCommand("select max(version) from hangfire.schema");
        Assert.True(Convert.ToInt32(await version.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 20);
        foreach (var replica in replicas) await replica.DisposeAsync();
    }

    [Fact]
    public async Task A_second_preparation_applies_nothing()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        await using var services = Services(database.ConnectionString);
        await services.PrepareDatabaseAsync(CancellationToken.None);

        var second = await services.PrepareDatabaseAsync(CancellationToken.None);

        Assert.Empty(second);
    }

    [Fact]
    public void A_missing_connection_string_is_reported_by_its_environment_variable_name()
    {
        var empty = new ConfigurationBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => DatabaseServiceCollectionExtensions.RequireConnectionString(empty));

        Assert.Contains("ConnectionStrings__AccessBot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolving_the_data_source_without_a_connection_string_fails_with_the_setting_name()
    {
        await using var services = Services(connectionString: null);

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<NpgsqlDataSource>());

        Assert.Contains("ConnectionStrings__AccessBot", error.Message, StringComparison.Ordinal);
    }

    internal static ServiceProvider Services(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(connectionString is null ? [] : [new("ConnectionStrings:AccessBot", connectionString)])
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddAccessBotDatabase()
            .AddAccessBotHangfire(runServer: false)
            .BuildServiceProvider();
    }
}
