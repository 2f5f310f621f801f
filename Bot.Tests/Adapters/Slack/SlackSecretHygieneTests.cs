using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Interactions;
using AccessBot.Tests.Fakes.Slack;
using AccessBot.Workflows.AccessRequests;
using Moq;

namespace AccessBot.Tests.Adapters.Slack;

public sealed class SlackSecretHygieneTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Token_signing_secret_and_response_url_never_reach_the_logs()
    {
        _h.Requests.Setup(r => r.SubmitAsync(It.IsAny<SubmitRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SubmitOutcome.Submitted(SlackSamples.Request()));
        var body = $"team_id={SlackTestKit.TeamId}&channel_id=C1&user_id=U0ALICE&command=%2Faccess&text=request+prod-db+1h+x" +
            $"&response_url={Uri.EscapeDataString(_h.Fake.ResponseUrl.ToString())}";

        _h.Get<SlackCommandHandler>().Handle(SlackSigner.Request("commands", body, _h.Time.GetUtcNow()));
        _h.Get<SlackCommandHandler>().Handle(SlackSigner.Request("commands", body, _h.Time.GetUtcNow(), secret: "forged"));
        _h.Get<SlackInteractionHandler>().Handle(SlackSigner.Request("interactions", "payload=%7B", _h.Time.GetUtcNow()));
        await _h.RunQueuedAsync();
        await _h.Fake.NextCallAsync("response_url");

        Assert.Contains(_h.Logs.Lines, l => l.Contains("[2001]", StringComparison.Ordinal));   // the forged one was logged
        Assert.DoesNotContain(_h.Logs.Lines, l => l.Contains(FakeSlackServer.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(_h.Logs.Lines, l => l.Contains(SlackSigner.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_h.Logs.Lines, l => l.Contains(_h.Fake.ResponseUrl.AbsolutePath, StringComparison.Ordinal));
        Assert.DoesNotContain(_h.Logs.Lines, l => l.Contains("request prod-db", StringComparison.Ordinal));
    }
}
