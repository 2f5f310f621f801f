using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Workflows.Jobs;

/// <summary>Closes a request that stayed pending past its time-out.</summary>
public sealed class TimeOutRequestJob(PendingTimers timers)
{
    public Task RunAsync(long requestId, CancellationToken ct) => timers.TimeOutAsync(new RequestId(requestId), reschedule: true, ct);
}
