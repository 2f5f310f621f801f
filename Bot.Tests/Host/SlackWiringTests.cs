using System.Net;
using System.Text;
using AccessBot.Host.Jobs;
using AccessBot.Tests.Adapters.Slack;
using AccessBot.Tests.Fakes.Slack;
using AccessBot.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Host;

[Collection(nameof(HostCollection))]
public sealed class SlackWiringTests(PostgresFixture database) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;
    private FakeSlackServer _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeSlackServer.StartAsync();
        _fake.AddUser("U0ALICE", "alice@example.com", "Alice", SlackTestKit.TeamId);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:AccessBot", database.ConnectionString);
            web.UseSetting("AccessBot:PolicyFile", Path.Combine(RepositoryPaths.Root, "accessbot.yaml"));
            web.UseSetting("Slack:SigningSecret", SlackSigner.Secret);
            web.UseSetting("Slack:BotToken", FakeSlackServer.Token);
            web.UseSetting("Slack:ApiBaseUrl", _fake.ApiBaseUrl.ToString());
            web.UseSetting("Slack:TeamId", SlackTestKit.TeamId);
            web.UseSetting("Slack:ApprovalChannel", SlackTestKit.ApprovalChannel);
        });
        _ = _factory.Server;
        await _factory.Services.GetRequiredService<HangfireServerStartedSignal>().Started.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Real_host_answers_a_signed_command_and_the_engine_result_follows()
    {
        var body = $"team_id={SlackTestKit.TeamId}&channel_id=C1&user_id=U0ALICE&command=%2Faccess&text=request+prod-db+2h+migrate+orders" +
            $"&response_url={Uri.EscapeDataString(_fake.ResponseUrl.ToString())}";
        var signed = SlackSigner.Request("x", body, TimeProvider.System.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", signed.Timestamp);
        request.Headers.Add("X-Slack-Signature", signed.Signature);

        using var response = await _factory.CreateClient().SendAsync(request);
        var answer = await _fake.NextCallAsync("response_url", TimeSpan.FromSeconds(20));
        var post = await _fake.NextCallAsync("chat.postMessage", TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Request *#", answer.Arg("text"));
        Assert.NotNull(post.Arg("channel"));
    }
}
