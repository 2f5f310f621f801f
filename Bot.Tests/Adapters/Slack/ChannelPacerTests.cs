using AccessBot.Adapters.Slack.Api;
using Microsoft.Extensions.Time.Testing;

namespace AccessBot.Tests.Adapters.Slack;

public class ChannelPacerTests
{
    [Fact]
    public void Second_post_to_a_channel_waits_a_full_second()
    {
        var time = new FakeTimeProvider();
        var pacer = new ChannelPacer(time);

        var first = pacer.WaitTurnAsync("C1", CancellationToken.None);
        var second = pacer.WaitTurnAsync("C1", CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        var stillWaiting = !second.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(first.IsCompleted);
        Assert.True(stillWaiting);
        Assert.True(second.IsCompleted);
    }

    [Fact]
    public void Posts_to_different_channels_do_not_wait_for_each_other()
    {
        var pacer = new ChannelPacer(new FakeTimeProvider());

        var first = pacer.WaitTurnAsync("C1", CancellationToken.None);
        var other = pacer.WaitTurnAsync("C2", CancellationToken.None);

        Assert.True(first.IsCompleted);
        Assert.True(other.IsCompleted);
    }

    [Fact]
    public void A_channel_quiet_for_a_second_posts_at_once()
    {
        var time = new FakeTimeProvider();
        var pacer = new ChannelPacer(time);
        _ = pacer.WaitTurnAsync("C1", CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(pacer.WaitTurnAsync("C1", CancellationToken.None).IsCompleted);
    }
}
