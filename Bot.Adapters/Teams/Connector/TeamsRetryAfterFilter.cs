using Hangfire.Common;
using Hangfire.States;

namespace AccessBot.Adapters.Teams.Connector;

/// <summary>
/// Hangfire filter: a delivery job that failed because the Bot Connector throttled it (429/412/502/504 with a
/// <c>Retry-After</c>) is rescheduled after that delay instead of the generic back-off. Without a Retry-After the normal
/// retries apply. Runs before <c>AutomaticRetry</c> and gives up after <see cref="MaxReschedules"/>.
/// Register once: <c>GlobalJobFilters.Filters.Add(new TeamsRetryAfterFilter())</c>.
/// </summary>
public sealed class TeamsRetryAfterFilter : JobFilterAttribute, IElectStateFilter
{
    public const int MaxReschedules = 10;
    private const string CounterParameter = "TeamsThrottleReschedules";
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    public TeamsRetryAfterFilter() => Order = 11;

    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is not FailedState failed || Delay(failed.Exception) is not { } delay) return;
        var count = context.GetJobParameter<int>(CounterParameter);
        if (count >= MaxReschedules) return;
        context.SetJobParameter(CounterParameter, count + 1);
        context.CandidateState = new ScheduledState(delay) { Reason = $"Teams throttling: retrying after {delay.TotalSeconds:0} s" };
    }

    /// <summary>How long to wait when the failure (or part of an aggregate failure) is Bot Connector throttling with a Retry-After.</summary>
    public static TimeSpan? Delay(Exception? failure) => failure switch
    {
        // One extra second: Retry-After is whole seconds, and arriving on the boundary can still be refused.
        ConnectorTransientException { RetryAfter: { } after } => (after < MaxDelay ? after : MaxDelay) + TimeSpan.FromSeconds(1),
        AggregateException all => all.InnerExceptions.Select(Delay).Max(),
        { InnerException: { } inner } => Delay(inner),
        _ => null,
    };
}
