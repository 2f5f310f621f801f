namespace AccessBot.Workflows.Jobs;

/// <summary>
/// A failure that says when to try again, such as a chat platform's rate limit with its <c>Retry-After</c>. Jobs that fail
/// with one are rescheduled after that delay by <see cref="RetryAfterFilter"/> instead of Hangfire's generic back-off.
/// </summary>
public interface IRetryAfter
{
    /// <summary>How long the other side asked us to wait; null when it did not say.</summary>
    TimeSpan? RetryAfter { get; }
}
