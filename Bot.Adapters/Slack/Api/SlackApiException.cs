namespace AccessBot.Adapters.Slack.Api;

/// <summary>Slack answered <c>ok:false</c> (or a non-2xx status) for <see cref="Method"/>; <see cref="Error"/> is Slack's code.</summary>
public class SlackApiException(string method, string error)
    : Exception($"Slack API {method} failed: {error}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;
}

/// <summary>Slack asked us to slow down (HTTP 429 or <c>rate_limited</c>). The calling job should retry after <see cref="RetryAfter"/>.</summary>
public sealed class SlackRateLimitedException(string method, TimeSpan retryAfter)
    : SlackApiException(method, "ratelimited"), AccessBot.Workflows.Jobs.IRetryAfter
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    TimeSpan? AccessBot.Workflows.Jobs.IRetryAfter.RetryAfter => RetryAfter;
}
