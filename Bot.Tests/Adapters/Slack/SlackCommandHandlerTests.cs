using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Work;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Adapters.Slack;

public sealed class SlackCommandHandlerTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private string Body(string text, string team = SlackTestKit.TeamId) =>
        $"team_id={team}&channel_id=C0ORIGIN&user_id=U0ALICE&command=%2Faccess&text={Uri.EscapeDataString(text)}" +
        $"&response_url={Uri.EscapeDataString(_h.Fake.ResponseUrl.ToString())}&trigger_id=123.456.abc";

    private SlackWork? Queued() => _h.Services.GetRequiredService<SlackWorkQueue>().Reader.TryRead(out var work) ? work : null;

    [Fact]
    public void Request_is_acknowledged_at_once_and_the_engine_is_left_to_the_worker()
    {
        var reply = _h.Get<SlackCommandHandler>().Handle(SlackSigner.Request("commands", Body("request prod-db 4h migrate orders"), _h.Time.GetUtcNow()));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("ephemeral", (string?)JsonNode.Parse(reply.Body!)!["response_type"]);
        var work = Assert.IsType<SlackWork.Command>(Queued());
        Assert.Equal(new ParsedCommand.Request("prod-db", TimeSpan.FromHours(4), "migrate orders"), work.Parsed);
        _h.Requests.VerifyNoOtherCalls();
    }

    [Fact]
    public void Badly_signed_command_gets_an_opaque_401_and_queues_nothing()
    {
        var request = SlackSigner.Request("commands", Body("request prod-db 4h x"), _h.Time.GetUtcNow(), secret: "not-the-secret");

        var reply = _h.Get<SlackCommandHandler>().Handle(request);

        Assert.Equal(401, reply.StatusCode);
        Assert.Null(reply.Body);
        Assert.Null(Queued());
    }

    [Fact]
    public void Replayed_command_older_than_five_minutes_is_rejected()
    {
        var request = SlackSigner.Request("commands", Body("list"), _h.Time.GetUtcNow() - TimeSpan.FromMinutes(6));

        Assert.Equal(401, _h.Get<SlackCommandHandler>().Handle(request).StatusCode);
        Assert.Null(Queued());
    }

    [Fact]
    public void Command_from_another_workspace_is_refused_without_queueing()
    {
        var reply = _h.Get<SlackCommandHandler>().Handle(SlackSigner.Request("commands", Body("list", team: "T0OTHER"), _h.Time.GetUtcNow()));

        Assert.Contains("does not accept commands from this workspace", (string?)JsonNode.Parse(reply.Body!)!["text"]);
        Assert.Null(Queued());
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("frobnicate everything")]
    public void Help_and_unknown_verbs_are_answered_in_the_ack(string text)
    {
        var reply = _h.Get<SlackCommandHandler>().Handle(SlackSigner.Request("commands", Body(text), _h.Time.GetUtcNow()));

        Assert.Contains("/access request &lt;resource&gt; &lt;duration&gt;", (string?)JsonNode.Parse(reply.Body!)!["text"]);
        Assert.Null(Queued());
    }

    [Fact]
    public void Incomplete_request_queues_the_modal_and_acks_empty()
    {
        var reply = _h.Get<SlackCommandHandler>().Handle(SlackSigner.Request("commands", Body("request prod-db"), _h.Time.GetUtcNow()));

        Assert.Equal(200, reply.StatusCode);
        Assert.Null(reply.Body);
        Assert.IsType<ParsedCommand.RequestForm>(Assert.IsType<SlackWork.Command>(Queued()).Parsed);
    }

    [Fact]
    public void Ssl_check_probe_gets_an_empty_200()
    {
        var request = new AccessBot.Adapters.Slack.Inbound.SlackInboundRequest("commands", "token=x&ssl_check=1"u8.ToArray(), null, null);

        var reply = _h.Get<SlackCommandHandler>().Handle(request);

        Assert.Equal(200, reply.StatusCode);
        Assert.Null(reply.Body);
    }

    [Fact]
    public void When_the_queue_is_full_the_person_is_told_to_retry_at_once()
    {
        var queue = _h.Services.GetRequiredService<SlackWorkQueue>();
        var filler = new SlackWork.Command(new SlashCommand(SlackTestKit.TeamId, null, "C", "U", "/access", "list", null, null), new ParsedCommand.List());
        while (queue.TryEnqueue(filler)) { }

        var reply = _h.Get<SlackCommandHandler>().Handle(SlackSigner.Request("commands", Body("list"), _h.Time.GetUtcNow()));

        Assert.Contains("very busy", (string?)JsonNode.Parse(reply.Body!)!["text"]);
    }
}
