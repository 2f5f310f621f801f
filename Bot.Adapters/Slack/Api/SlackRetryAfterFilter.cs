using Hangfire.Common;
using Hangfire.States;

namespace AccessBot.Adapters.Slack.Api;

/// <summary>
/// Hangfire filter that turns a job failure caused by a Slack rate limit into a reschedule after Slack's own
/// <c>Retry-After</c>, instead of the generic back-off (which could come back too soon and earn another 429). It runs before
/// <c>AutomaticRetry</c> (order 20) and gives up after <see cref="MaxReschedules"/>, leaving the job to the normal retries.
/// Register once: <c>GlobalJobFilters.Filters.Add(new SlackRetryAfterFilter())</c> (or <c>config.UseFilter(...)</c>).
/// </summary>
public sealed class SlackRetryAfterFilter : JobFilterAttribute, IElectStateFilter
{
    public const int MaxReschedules = 10;
    private const string CounterParameter = "SlackRateLimitReschedules";

    public SlackRetryAfterFilter() => Order = 10;

    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is not FailedState failed || Delay(failed.Exception) is not { } delay) return;
        var count = context.GetJobParameter<int>(CounterParameter);
        if (count >= MaxReschedules) return;
        context.SetJobParameter(CounterParameter, count + 1);
        context.CandidateState = new ScheduledState(delay) { Reason = $"Slack rate limit: retrying after {delay.TotalSeconds:0} s" };
    }

    /// <summary>How long to wait, when the failure (or any part of an aggregate failure) is a Slack rate limit.</summary>
    public static TimeSpan? Delay(Exception? failure) => failure switch
    {
        // One extra second: Retry-After is whole seconds, and arriving on the boundary can still be refused.
        SlackRateLimitedException limited => limited.RetryAfter + TimeSpan.FromSeconds(1),
        AggregateException all => all.InnerExceptions.Select(Delay).Max(),
        { InnerException: { } inner } => Delay(inner),
        _ => null,
    };
}
