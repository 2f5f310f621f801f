using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Work;
using AccessBot.Workflows.AccessRequests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace AccessBot.Tests.Adapters.Slack;

public sealed class SlackWorkerTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private SlackWork.Command Command(string user) => new(
        new SlashCommand(SlackTestKit.TeamId, null, "C0ORIGIN", user, "/access", "list", _h.Fake.ResponseUrl, null), new ParsedCommand.List());

    [Fact]
    public async Task A_failing_item_is_answered_and_the_worker_goes_on_with_the_next()
    {
        _h.Queries.Setup(q => q.ListAsync(It.Is<RequestFilter>(f => f.Requester == SlackSamples.Alice.Id), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("boom"));
        _h.Queries.Setup(q => q.ListAsync(It.Is<RequestFilter>(f => f.Requester == SlackSamples.Bob.Id), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);
        var queue = _h.Services.GetRequiredService<SlackWorkQueue>();
        var worker = new SlackWorker(queue, _h.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<SlackWorker>.Instance);
        Assert.True(queue.TryEnqueue(Command("U0ALICE")));
        Assert.True(queue.TryEnqueue(Command("U0BOB")));

        await worker.StartAsync(CancellationToken.None);
        var first = (await _h.Fake.NextCallAsync("response_url")).Arg("text");
        var second = (await _h.Fake.NextCallAsync("response_url")).Arg("text");
        await worker.StopAsync(CancellationToken.None);

        var texts = new[] { first, second };
        Assert.Contains(texts, t => t!.Contains("Something went wrong", StringComparison.Ordinal));
        Assert.Contains(texts, t => t!.Contains("Your recent requests", StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_queue_refuses_instead_of_blocking_the_endpoint()
    {
        var queue = new SlackWorkQueue();
        for (var i = 0; i < SlackWorkQueue.Capacity; i++) Assert.True(queue.TryEnqueue(Command("U0ALICE")));

        Assert.False(queue.TryEnqueue(Command("U0ALICE")));
    }
}
