using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Interactions;
using AccessBot.Adapters.Slack.Work;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Adapters.Slack;

public sealed class SlackInteractionHandlerTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private AccessBot.Adapters.Slack.Inbound.SlackReply Handle(string body) =>
        _h.Get<SlackInteractionHandler>().Handle(SlackSigner.Request("interactions", body, _h.Time.GetUtcNow()));

    private SlackWork? Queued() => _h.Services.GetRequiredService<SlackWorkQueue>().Reader.TryRead(out var work) ? work : null;

    [Fact]
    public void Click_is_acknowledged_empty_and_queued_with_the_message_it_came_from()
    {
        var reply = Handle(SlackPayloads.Click("approve", "812", "C0DBAPPROVALS", "1700000000.000101", _h.Fake.ResponseUrl));

        Assert.Equal((200, null), (reply.StatusCode, reply.Body));
        var work = Assert.IsType<SlackWork.Action>(Queued());
        Assert.Equal(new BlockAction("approve", "812"), work.Clicked);
        Assert.Equal(("C0DBAPPROVALS", "1700000000.000101", "U0BOB"), (work.Interaction.ChannelId, work.Interaction.MessageTs, work.Interaction.UserId));
    }

    [Fact]
    public void Click_from_another_workspace_is_ignored()
    {
        var reply = Handle(SlackPayloads.Click("approve", "812", "C1", "1.1", _h.Fake.ResponseUrl, team: "T0EVIL"));

        Assert.Equal(200, reply.StatusCode);
        Assert.Null(Queued());
    }

    [Fact]
    public void Click_by_a_guest_from_another_workspace_in_a_shared_channel_is_ignored()
    {
        var body = SlackPayloads.Click("approve", "812", "C1", "1.1", _h.Fake.ResponseUrl)
            .Replace("%22team_id%22%3A%22T0TEST%22", "%22team_id%22%3A%22T0GUEST%22", StringComparison.Ordinal);
        Assert.Contains("T0GUEST", Uri.UnescapeDataString(body), StringComparison.Ordinal);

        var reply = Handle(body);

        Assert.Equal(200, reply.StatusCode);
        Assert.Null(Queued());
    }

    [Fact]
    public void Unsigned_click_is_rejected_with_401()
    {
        var body = SlackPayloads.Click("approve", "812", "C1", "1.1", _h.Fake.ResponseUrl);
        var request = SlackSigner.Request("interactions", body, _h.Time.GetUtcNow()) with { Signature = null };

        Assert.Equal(401, _h.Get<SlackInteractionHandler>().Handle(request).StatusCode);
        Assert.Null(Queued());
    }

    [Fact]
    public void Invalid_request_form_is_answered_with_inline_errors()
    {
        var values = new JsonObject
        {
            ["resource"] = SlackPayloads.Select("no-such-thing"),
            ["duration"] = SlackPayloads.Input("forever"),
            ["reason"] = SlackPayloads.Input(""),
        };

        var reply = Handle(SlackPayloads.Submission("access_request", values));

        var body = JsonNode.Parse(reply.Body!)!;
        Assert.Equal("errors", (string?)body["response_action"]);
        Assert.NotNull(body["errors"]!["resource"]);
        Assert.NotNull(body["errors"]!["duration"]);
        Assert.Null(Queued());
    }

    [Fact]
    public void Request_form_enforces_the_resources_maximum_and_reason_rule()
    {
        var values = new JsonObject
        {
            ["resource"] = SlackPayloads.Select("prod-db"),
            ["duration"] = SlackPayloads.Input("9h"),
            ["reason"] = SlackPayloads.Input("  "),
        };

        var errors = JsonNode.Parse(Handle(SlackPayloads.Submission("access_request", values)).Body!)!["errors"]!;

        Assert.Equal("At most 8h for this resource.", (string?)errors["duration"]);
        Assert.Equal("This resource needs a reason.", (string?)errors["reason"]);
    }

    [Fact]
    public void Valid_request_form_closes_and_is_queued()
    {
        var metadata = new JsonObject { ["u"] = _h.Fake.ResponseUrl.ToString(), ["c"] = "C0ORIGIN" }.ToJsonString();
        var values = new JsonObject
        {
            ["resource"] = SlackPayloads.Select("prod-db"),
            ["duration"] = SlackPayloads.Input("2h"),
            ["reason"] = SlackPayloads.Input("incident 42"),
        };

        var reply = Handle(SlackPayloads.Submission("access_request", values, metadata));

        Assert.Equal((200, null), (reply.StatusCode, reply.Body));
        var work = Assert.IsType<SlackWork.SubmitForm>(Queued());
        Assert.Equal(new RequestFormInput("prod-db", TimeSpan.FromHours(2), "incident 42", _h.Fake.ResponseUrl, "C0ORIGIN"), work.Input);
    }

    [Fact]
    public void Payload_that_is_not_json_is_a_bad_request() =>
        Assert.Equal(400, Handle("payload=%7Bnot-json").StatusCode);
}
