using Hangfire.Common;
using Hangfire.States;

namespace AccessBot.Workflows.Jobs;

/// <summary>
/// Hangfire filter: a job that failed with an <see cref="IRetryAfter"/> (anywhere in an aggregate failure) is rescheduled
/// after the longest requested wait plus a second, instead of the generic back-off, which could come back too soon and be
/// refused again. It runs before <c>AutomaticRetry</c> (order 20) and gives up after <see cref="MaxReschedules"/>, leaving
/// the job to the normal retries. Register it once per process (Hangfire's filters are global).
/// </summary>
public sealed class RetryAfterFilter : JobFilterAttribute, IElectStateFilter
{
    public const int MaxReschedules = 10;
    private const string CounterParameter = "RetryAfterReschedules";

    /// <summary>A wait longer than this is treated as this long: a bogus header must not park a notification for days.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    public RetryAfterFilter() => Order = 10;

    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is not FailedState failed || Delay(failed.Exception) is not { } delay) return;
        var count = context.GetJobParameter<int>(CounterParameter);
        if (count >= MaxReschedules) return;
        context.SetJobParameter(CounterParameter, count + 1);
        context.CandidateState = new ScheduledState(delay) { Reason = $"Asked to wait: retrying after {delay.TotalSeconds:0} s" };
    }

    /// <summary>How long to wait, when the failure (or any part of an aggregate failure) carries a Retry-After.</summary>
    public static TimeSpan? Delay(Exception? failure) => failure switch
    {
        // One extra second: Retry-After is whole seconds, and arriving on the boundary can still be refused.
        IRetryAfter { RetryAfter: { } after } => (after < MaxDelay ? after : MaxDelay) + TimeSpan.FromSeconds(1),
        AggregateException all => all.InnerExceptions.Select(Delay).Max(),
        { InnerException: { } inner } => Delay(inner),
        _ => null,
    };
}
