using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Api;
using AccessBot.Tests.Fakes.Slack;

namespace AccessBot.Tests.Adapters.Slack;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private FakeSlackServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Post_message_sends_the_bearer_token_with_parse_none_and_returns_the_ts()
    {
        var posted = await SlackTestKit.Client(_fake).PostMessageAsync("C1", new SlackMessage("hello"), CancellationToken.None);

        var call = await _fake.NextCallAsync("chat.postMessage");
        Assert.Equal($"Bearer {FakeSlackServer.Token}", call.Authorization);
        Assert.Equal("none", call.Arg("parse"));
        Assert.Equal("C1", posted.Channel);
        Assert.Matches(@"^\d+\.\d{6}$", posted.Ts);
    }

    [Fact]
    public async Task Ok_false_becomes_a_typed_exception_carrying_slacks_error_code()
    {
        _fake.FailNext("chat.postMessage", "channel_not_found");

        var e = await Assert.ThrowsAsync<SlackApiException>(() =>
            SlackTestKit.Client(_fake).PostMessageAsync("C404", new SlackMessage("x"), CancellationToken.None));

        Assert.Equal("channel_not_found", e.Error);
        Assert.Equal("chat.postMessage", e.Method);
    }

    [Fact]
    public async Task Http_429_becomes_a_rate_limit_exception_with_the_retry_after_delay()
    {
        _fake.RateLimitNext("chat.update", 7);

        var e = await Assert.ThrowsAsync<SlackRateLimitedException>(() =>
            SlackTestKit.Client(_fake).UpdateMessageAsync(new SlackMessageRef("C1", "1.000001"), new SlackMessage("x"), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
    }

    [Fact]
    public async Task A_wrong_token_is_reported_as_invalid_auth()
    {
        var e = await Assert.ThrowsAsync<SlackApiException>(() =>
            SlackTestKit.Client(_fake, token: "xoxb-wrong").PostMessageAsync("C1", new SlackMessage("x"), CancellationToken.None));

        Assert.Equal("invalid_auth", e.Error);
    }

    [Fact]
    public async Task Update_sends_parse_none_explicitly_because_its_default_is_client()
    {
        await SlackTestKit.Client(_fake).UpdateMessageAsync(new SlackMessageRef("C1", "1.000001"), new SlackMessage("x"), CancellationToken.None);

        var call = await _fake.NextCallAsync("chat.update");
        Assert.Equal("none", call.Arg("parse"));
        Assert.Equal("1.000001", call.Arg("ts"));
    }

    [Fact]
    public async Task Permalink_and_user_lookups_use_get_with_a_query_string()
    {
        _fake.AddUser("U1", "alice@example.com", "Alice");
        var client = SlackTestKit.Client(_fake);

        var permalink = await client.GetPermalinkAsync(new SlackMessageRef("C1", "1700000000.000101"), CancellationToken.None);
        var user = await client.GetUserAsync("U1", CancellationToken.None);

        Assert.Equal("https://fake.slack.test/archives/C1/p1700000000000101", permalink);
        Assert.Equal("alice@example.com", user.Email);
        Assert.All(_fake.Drain(), call => Assert.Equal("GET", call.Verb));
    }

    [Fact]
    public async Task A_user_without_the_email_scope_comes_back_without_email()
    {
        _fake.AddUser("U2", email: null, "Bob");

        var user = await SlackTestKit.Client(_fake).GetUserAsync("U2", CancellationToken.None);

        Assert.Null(user.Email);
        Assert.Equal("Bob", user.DisplayName);
    }

    [Fact]
    public async Task Response_url_posts_never_carry_the_bot_token()
    {
        await SlackTestKit.Client(_fake).RespondAsync(_fake.ResponseUrl, new SlackMessage("done"), replaceOriginal: false, CancellationToken.None);

        var call = await _fake.NextCallAsync("response_url");
        Assert.Null(call.Authorization);
        Assert.Equal("ephemeral", call.Arg("response_type"));
        Assert.Equal("done", call.Arg("text"));
    }

    [Fact]
    public async Task Direct_message_channel_comes_from_conversations_open()
    {
        var channel = await SlackTestKit.Client(_fake).OpenDirectMessageAsync("U9", CancellationToken.None);

        Assert.Equal("DU9", channel);
        Assert.Equal("U9", (await _fake.NextCallAsync("conversations.open")).Arg("users"));
    }

    [Fact]
    public async Task Fake_server_refuses_a_section_over_the_block_kit_limit()
    {
        var blocks = new JsonArray(new JsonObject
        {
            ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('a', 3001) },
        });

        var e = await Assert.ThrowsAsync<SlackApiException>(() =>
            SlackTestKit.Client(_fake).PostMessageAsync("C1", new SlackMessage("x", blocks), CancellationToken.None));

        Assert.Equal("invalid_blocks", e.Error);
    }
}
