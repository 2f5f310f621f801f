using System.Net;
using System.Text.Json;
using AccessBot.Host.Jobs;
using AccessBot.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Host;

/// <summary>The real Program against the collection's database: migrations, Hangfire server, /healthz and the dashboard.</summary>
[Collection(nameof(HostCollection))]
public sealed class HostEndpointsTests(PostgresFixture database) : IAsyncLifetime
{
    private const string PeerHeader = "X-Test-Peer";
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:AccessBot", database.ConnectionString);
            web.UseSetting("AccessBot:PolicyFile", Path.Combine(RepositoryPaths.Root, "accessbot.yaml"));
            web.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestPeerAddress>());
        });
        _ = _factory.Server;
        await _factory.Services.GetRequiredService<HangfireServerStartedSignal>().Started.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Healthz_is_200_with_healthy_database_and_hangfire_entries()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("hangfire").GetProperty("status").GetString());
        Assert.True(checks.GetProperty("hangfire").GetProperty("data").GetProperty("aliveServers").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("127.0.0.1", null, HttpStatusCode.OK)]
    [InlineData("::1", null, HttpStatusCode.OK)]
    [InlineData("10.20.30.40", null, HttpStatusCode.Unauthorized)]
    [InlineData("127.0.0.1", "203.0.113.5", HttpStatusCode.Unauthorized)]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    public async Task The_dashboard_answers_only_direct_loopback_requests(string? peer, string? forwardedFor, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        if (peer is not null) request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);

        var response = await _factory.CreateClient().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>TestServer has no socket: the peer address comes from a test-only header, set before anything else runs.</summary>
    private sealed class TestPeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                if (http.Request.Headers.Remove(PeerHeader, out var peer)) http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
