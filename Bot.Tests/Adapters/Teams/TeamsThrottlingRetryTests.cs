using AccessBot.Workflows.Jobs;
using System.Net;
using AccessBot.Adapters.Teams.Connector;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class TeamsThrottlingRetryTests
{
    [Fact]
    public void Throttling_with_retry_after_inside_an_aggregate_failure_delays_by_that_much_plus_a_second()
    {
        var failure = new AggregateException(new HttpRequestException("slack down"),
            new ConnectorTransientException(HttpStatusCode.TooManyRequests, "Throttled", TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(8), RetryAfterFilter.Delay(failure));
    }

    [Fact]
    public void Throttling_without_retry_after_and_other_failures_leave_the_normal_retries()
    {
        Assert.Null(RetryAfterFilter.Delay(new ConnectorTransientException(HttpStatusCode.BadGateway, null, null)));
        Assert.Null(RetryAfterFilter.Delay(new ConnectorForbiddenException("Blocked", "MessageWritesBlocked")));
        Assert.Null(RetryAfterFilter.Delay(null));
    }

    [Fact]
    public void An_absurd_retry_after_is_capped()
    {
        var failure = new ConnectorTransientException(HttpStatusCode.TooManyRequests, null, TimeSpan.FromDays(1));
        Assert.Equal(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1), RetryAfterFilter.Delay(failure));
    }
}
