using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Workflows.Jobs;

/// <summary>Escalates a step that waited past its <c>escalate_after</c>, only if the request still waits on that step.</summary>
public sealed class EscalateStepJob(PendingTimers timers)
{
    public Task RunAsync(long requestId, int step, CancellationToken ct) => timers.EscalateAsync(new RequestId(requestId), step, ct);
}
