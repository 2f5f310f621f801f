using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Events;
using Microsoft.Extensions.Time.Testing;

namespace AccessBot.Tests.Adapters.Slack;

public sealed class SlackEventHandlerTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Url_verification_echoes_the_challenge()
    {
        var body = new JsonObject { ["token"] = "x", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" };

        var reply = _h.Get<SlackEventHandler>().Handle(SlackSigner.Request("events", body.ToJsonString(), _h.Time.GetUtcNow()));

        Assert.Equal((200, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), (reply.StatusCode, reply.Body));
        Assert.StartsWith("text/plain", reply.ContentType);
    }

    [Fact]
    public void Unsigned_url_verification_is_rejected()
    {
        var body = new JsonObject { ["challenge"] = "abc", ["type"] = "url_verification" }.ToJsonString();

        var reply = _h.Get<SlackEventHandler>().Handle(SlackSigner.Request("events", body, _h.Time.GetUtcNow(), secret: "wrong"));

        Assert.Equal(401, reply.StatusCode);
    }

    [Fact]
    public void Retried_event_is_acknowledged_but_handled_once()
    {
        var body = new JsonObject
        {
            ["type"] = "event_callback", ["team_id"] = SlackTestKit.TeamId, ["event_id"] = "Ev0001",
            ["event"] = new JsonObject { ["type"] = "app_mention" },
        }.ToJsonString();
        var handler = _h.Get<SlackEventHandler>();
        var dedup = _h.Get<EventDeduplicator>();

        var first = handler.Handle(SlackSigner.Request("events", body, _h.Time.GetUtcNow()));
        var retry = handler.Handle(SlackSigner.Request("events", body, _h.Time.GetUtcNow(), retryNum: "1"));

        Assert.Equal((200, 200), (first.StatusCode, retry.StatusCode));
        Assert.False(dedup.FirstTime("Ev0001"));
        Assert.True(dedup.FirstTime("Ev0002"));
    }

    [Fact]
    public void Event_ids_are_forgotten_after_an_hour()
    {
        var time = new FakeTimeProvider();
        var dedup = new EventDeduplicator(time);

        var first = dedup.FirstTime("Ev1");
        var again = dedup.FirstTime("Ev1");
        time.Advance(EventDeduplicator.Remember + TimeSpan.FromSeconds(1));

        Assert.True(first);
        Assert.False(again);
        Assert.True(dedup.FirstTime("Ev1"));
    }
}
