using AccessBot.Workflows.AccessRequests;

namespace AccessBot.Workflows.Jobs;

/// <summary>Offers the requester an extension before expiry, once per expiry, only while the grant is active.</summary>
public sealed class RemindExpiryJob(PendingTimers timers)
{
    public Task RunAsync(long requestId, CancellationToken ct) => timers.RemindAsync(new RequestId(requestId), ct);
}
