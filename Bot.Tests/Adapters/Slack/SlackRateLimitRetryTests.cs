using AccessBot.Workflows.Jobs;
using AccessBot.Adapters.Slack.Api;

namespace AccessBot.Tests.Adapters.Slack;

public class SlackRateLimitRetryTests
{
    [Fact]
    public void Rate_limit_waits_slacks_retry_after_plus_a_second() =>
        Assert.Equal(TimeSpan.FromSeconds(31), RetryAfterFilter.Delay(new SlackRateLimitedException("chat.postMessage", TimeSpan.FromSeconds(30))));

    [Fact]
    public void Rate_limit_inside_the_delivery_jobs_aggregate_is_found_and_the_longest_wait_wins()
    {
        var failure = new AggregateException(
            new SlackRateLimitedException("chat.update", TimeSpan.FromSeconds(5)),
            new InvalidOperationException("teams down"),
            new SlackRateLimitedException("chat.postMessage", TimeSpan.FromSeconds(20)));

        Assert.Equal(TimeSpan.FromSeconds(21), RetryAfterFilter.Delay(failure));
    }

    [Fact]
    public void Other_failures_are_left_to_the_normal_retries()
    {
        Assert.Null(RetryAfterFilter.Delay(new SlackApiException("chat.postMessage", "channel_not_found")));
        Assert.Null(RetryAfterFilter.Delay(new AggregateException(new TimeoutException())));
        Assert.Null(RetryAfterFilter.Delay(null));
    }
}
