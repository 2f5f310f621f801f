using System.Net;
using AccessBot.Adapters.Teams;
using AccessBot.Adapters.Teams.Connector;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Tests.Fakes.Teams;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class BotConnectorClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TeamsTestRequests.Now);
    private readonly InMemoryConversationReferenceStore _references = new();
    private FakeBotConnector _connector = null!;
    private ServiceProvider _services = null!;
    private TrustedServiceUrls _trusted = null!;
    private BotConnectorClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _services = new ServiceCollection().AddHttpClient().AddSingleton<IConversationReferenceStore>(_references).BuildServiceProvider();
        var options = Options.Create(new TeamsOptions
        {
            AppId = TeamsTestActivities.AppId, AppPassword = "s3cret", TokenEndpoint = _connector.TokenEndpoint,
        });
        var tokens = new BotTokenClient(_services.GetRequiredService<IHttpClientFactory>(), options, _time);
        _trusted = new TrustedServiceUrls(_services.GetRequiredService<IServiceScopeFactory>(), _time);
        _trusted.Trust(_connector.ServiceUrl);
        _client = new BotConnectorClient(new HttpClient(), tokens, _trusted, NullLogger<BotConnectorClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private static Activity Message => OutboundActivities.Text("hello");

    [Fact]
    public async Task Ids_with_colons_semicolons_and_at_signs_are_escaped_in_the_path()
    {
        await _client.UpdateAsync(_connector.ServiceUrl, "19:abc@thread.tacv2;messageid=1700", "1700", Message, default);
        var call = await _connector.NextCallAsync();
        Assert.Equal("PUT", call.Method);
        Assert.Equal("/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1700/activities/1700", call.RawTarget);
        Assert.Equal("1700", call.Body!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_token_is_fetched_once_and_reused_until_shortly_before_it_expires()
    {
        await _client.SendAsync(_connector.ServiceUrl, "a:1", Message, default);
        await _client.SendAsync(_connector.ServiceUrl, "a:1", Message, default);
        Assert.Equal(1, _connector.TokenRequests);
        Assert.Equal("Bearer fake-access-token-1", (await _connector.NextCallAsync()).Authorization);

        _time.Advance(TimeSpan.FromMinutes(56)); // token lives 60 min; refreshed 5 min early
        await _client.SendAsync(_connector.ServiceUrl, "a:1", Message, default);
        Assert.Equal(2, _connector.TokenRequests);
        Assert.Equal("s3cret", _connector.LastTokenForm!["client_secret"]);
        Assert.Equal(TeamsTestActivities.AppId, _connector.LastTokenForm["client_id"]);
    }

    [Fact]
    public async Task Throttling_becomes_a_transient_exception_carrying_retry_after()
    {
        _connector.FailNext(new ConnectorFailure(429, RetryAfterSeconds: "7"));
        var e = await Assert.ThrowsAsync<ConnectorTransientException>(() => _client.SendAsync(_connector.ServiceUrl, "a:1", Message, default));
        Assert.Equal(HttpStatusCode.TooManyRequests, e.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);

        _connector.FailNext(new ConnectorFailure(502));
        var gateway = await Assert.ThrowsAsync<ConnectorTransientException>(() => _client.SendAsync(_connector.ServiceUrl, "a:1", Message, default));
        Assert.Null(gateway.RetryAfter);
    }

    [Fact]
    public async Task A_blocked_user_is_a_forbidden_exception_with_its_sub_code()
    {
        _connector.FailNext(new ConnectorFailure(403, SubCode: "MessageWritesBlocked"));
        var e = await Assert.ThrowsAsync<ConnectorForbiddenException>(() => _client.SendAsync(_connector.ServiceUrl, "a:1", Message, default));
        Assert.Equal("MessageWritesBlocked", e.SubCode);
    }

    [Fact]
    public async Task A_service_url_no_validated_activity_carried_is_refused_before_any_request()
    {
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => _client.SendAsync("http://127.0.0.1:9/", "a:1", Message, default));
        Assert.Equal(0, _connector.TokenRequests);
        Assert.False(_connector.TryTakeCall(out _));
    }

    [Fact]
    public async Task A_service_url_stored_with_a_conversation_reference_elsewhere_is_trusted_within_a_minute()
    {
        var restarted = new TrustedServiceUrls(_services.GetRequiredService<IServiceScopeFactory>(), _time);
        Assert.False(await restarted.IsTrustedAsync("https://smba.example/amer/", default));
        await _references.SaveAsync("teams", "19:x@thread.tacv2", new System.Text.Json.Nodes.JsonObject
        {
            ["serviceUrl"] = "https://smba.example/amer/", ["conversationId"] = "19:x@thread.tacv2",
        }, default);
        Assert.False(await restarted.IsTrustedAsync("https://smba.example/amer/", default)); // re-read at most once a minute
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await restarted.IsTrustedAsync("https://smba.example/amer", default));
    }

    [Fact]
    public async Task A_member_not_in_the_conversation_is_null_and_a_known_one_has_an_email()
    {
        _connector.AddMember("29:alice", "aad-1", "alice@example.com", "Alice");
        Assert.Null(await _client.GetMemberAsync(_connector.ServiceUrl, "a:1", "29:nobody", default));
        var alice = await _client.GetMemberAsync(_connector.ServiceUrl, "a:1", "29:alice", default);
        Assert.Equal("alice@example.com", alice?.Email);
    }

    [Fact]
    public async Task Creating_a_channel_thread_returns_the_thread_and_activity_ids()
    {
        var created = await _client.CreateConversationAsync(_connector.ServiceUrl, new ConversationParameters
        {
            IsGroup = true,
            ChannelData = new TeamsChannelData { Channel = new ChannelInfo("19:c@thread.tacv2") },
            Activity = Message,
        }, default);
        Assert.StartsWith("19:c@thread.tacv2;messageid=", created.Id);
        Assert.EndsWith(created.ActivityId!, created.Id);
        var call = await _connector.NextCallAsync();
        Assert.Equal("create", call.Kind);
        Assert.False(call.Body!.Value.TryGetProperty("members", out _)); // nulls are left out
    }
}
