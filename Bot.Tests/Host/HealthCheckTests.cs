using System.Net;
using System.Text.Json;
using AccessBot.Host.Health;
using AccessBot.Host.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Tests.Host;

public sealed class HealthCheckTests
{
    [Fact]
    public async Task The_database_check_is_unhealthy_when_nothing_listens()
    {
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody;Password=x;Timeout=3");

        var result = await new DatabaseHealthCheck(dataSource).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("Password", result.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_hangfire_check_counts_only_servers_with_a_recent_heartbeat()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        await using var services = DatabasePreparationTests.Services(database.ConnectionString);
        await AccessBot.Host.Persistence.DatabasePreparation.PrepareDatabaseAsync(services, CancellationToken.None);
        var check = new HangfireHealthCheck(
            services.GetRequiredService<JobStorage>(), services.GetRequiredService<IOptions<HangfireOptions>>(), TimeProvider.System);

        var noServer = await check.CheckHealthAsync(new HealthCheckContext());
        await AddServerAsync(services.GetRequiredService<NpgsqlDataSource>(), "stale", TimeSpan.FromMinutes(5));
        var staleServer = await check.CheckHealthAsync(new HealthCheckContext());
        await AddServerAsync(services.GetRequiredService<NpgsqlDataSource>(), "fresh", TimeSpan.Zero);
        var freshServer = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, noServer.Status);
        Assert.Equal(HealthStatus.Unhealthy, staleServer.Status);
        Assert.Equal(1, staleServer.Data["servers"]);
        Assert.Equal(HealthStatus.Healthy, freshServer.Status);
        Assert.Equal(1, freshServer.Data["aliveServers"]);
    }

    [Fact]
    public async Task Healthz_answers_503_with_json_when_a_check_fails()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRouting();
        builder.Services.AddHealthChecks()
            .AddCheck("database", () => HealthCheckResult.Healthy("fine"))
            .AddCheck("hangfire", () => HealthCheckResult.Unhealthy("no server"));
        await using var app = builder.Build();
        app.MapAccessBotHealthChecks();
        await app.StartAsync();

        var response = await app.GetTestClient().GetAsync(new Uri(HealthSetup.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("no server", json.RootElement.GetProperty("checks").GetProperty("hangfire").GetProperty("description").GetString());
    }

    private static async Task AddServerAsync(NpgsqlDataSource dataSource, string id, TimeSpan age)
    {
        await using var insert = dataSource.CreateCommand(
            """
            insert into hangfire.server (id, data, lastheartbeat)
            values (@id, '{"WorkerCount":1,"Queues":["default"],"StartedAt":"2026-01-01T00:00:00Z"}', now() - @age)
            """);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("age", age);
        await insert.ExecuteNonQueryAsync();
    }
}
