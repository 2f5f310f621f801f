using System.Net;
using System.Text;
using AccessBot.Adapters.Slack;
using AccessBot.Host.Endpoints;
using AccessBot.Tests.Fakes.Slack;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Npgsql;

namespace AccessBot.Tests.Adapters.Slack;

/// <summary>The real endpoints (<c>MapSlack</c>) in a small Kestrel host on 127.0.0.1, called over HTTP as Slack calls them.</summary>
public sealed class SlackEndpointsTests : IAsyncLifetime
{
    private readonly Mock<IAccessRequestService> _requests = new();
    private FakeSlackServer _fake = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeSlackServer.StartAsync();
        _fake.AddUser("U0ALICE", "alice@example.com", "Alice", SlackTestKit.TeamId);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = FakeSlackServer.Token,
            ["Slack:ApiBaseUrl"] = _fake.ApiBaseUrl.ToString(),
            ["Slack:TeamId"] = SlackTestKit.TeamId,
            ["Slack:ApprovalChannel"] = SlackTestKit.ApprovalChannel,
        });
        builder.Services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none"));
        builder.Services.AddSingleton<IAuditLog, PostgresAuditLog>();
        builder.Services.AddSlackAdapter();
        builder.Services.AddSingleton(_requests.Object);
        builder.Services.AddSingleton(Mock.Of<IAccessRequestQueries>());
        builder.Services.AddSingleton(Mock.Of<IPrincipalDirectory>(d =>
            d.LinkAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<PlatformIdentity>(), It.IsAny<CancellationToken>()) == Task.FromResult(SlackSamples.Alice)));
        builder.Services.AddSingleton(Mock.Of<IChatMessageStore>());
        builder.Services.AddSingleton(Mock.Of<IConversationReferenceStore>());
        builder.Services.AddSingleton(Mock.Of<IPolicyProvider>(p => p.Current == SlackSamples.Policy()));
        _app = builder.Build();
        _app.MapSlack();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()), Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private static HttpRequestMessage Signed(string path, string body, string contentType, string secret = SlackSigner.Secret)
    {
        var signed = SlackSigner.Request("x", body, TimeProvider.System.GetUtcNow(), secret);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", signed.Timestamp);
        request.Headers.Add("X-Slack-Signature", signed.Signature);
        return request;
    }

    [Fact]
    public async Task Signed_command_is_answered_with_an_ephemeral_ack()
    {
        var body = $"team_id={SlackTestKit.TeamId}&channel_id=C1&user_id=U0ALICE&command=%2Faccess&text=list&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fhooks%2Fx";

        using var response = await _http.SendAsync(Signed("/slack/commands", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"response_type\":\"ephemeral\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    [InlineData("/slack/events")]
    public async Task Badly_signed_requests_get_401_with_an_empty_body(string path)
    {
        using var response = await _http.SendAsync(Signed(path, "payload=%7B%7D", "application/x-www-form-urlencoded", secret: "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Body_over_256_KiB_is_refused_before_any_signature_work()
    {
        var body = "payload=" + new string('a', 256 * 1024);

        using var response = await _http.SendAsync(Signed("/slack/interactions", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Url_verification_challenge_is_echoed_over_http()
    {
        using var response = await _http.SendAsync(Signed("/slack/events", """{"type":"url_verification","challenge":"abc123"}""", "application/json"));

        Assert.Equal("abc123", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ack_comes_back_while_the_engine_is_still_busy_and_the_answer_follows_on_the_response_url()
    {
        var engineEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engineRelease = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Setup(r => r.SubmitAsync(It.IsAny<SubmitRequest>(), It.IsAny<CancellationToken>())).Returns(async () =>
        {
            engineEntered.SetResult();
            await engineRelease.Task;   // a database that takes its time
            return new SubmitOutcome.Submitted(SlackSamples.Request());
        });
        var body = $"team_id={SlackTestKit.TeamId}&channel_id=C1&user_id=U0ALICE&command=%2Faccess&text=request+prod-db+4h+migrate" +
            $"&response_url={Uri.EscapeDataString(_fake.ResponseUrl.ToString())}";

        using var response = await _http.SendAsync(Signed("/slack/commands", body, "application/x-www-form-urlencoded"));
        await engineEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var answeredBeforeEngineFinished = !engineRelease.Task.IsCompleted;
        engineRelease.SetResult();
        var answer = await _fake.NextCallAsync("response_url");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answeredBeforeEngineFinished);
        Assert.Contains("Request *#812*", answer.Arg("text"));
    }
}
