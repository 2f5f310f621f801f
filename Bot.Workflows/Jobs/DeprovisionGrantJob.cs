using AccessBot.Workflows.AccessRequests;
using Hangfire;

namespace AccessBot.Workflows.Jobs;

/// <summary>Takes access away in the target after a release or revoke; the reconcile sweep retries it if it keeps failing.</summary>
public sealed class DeprovisionGrantJob(GrantLifecycle lifecycle)
{
    [AutomaticRetry(Attempts = 10)]
    public Task RunAsync(long requestId, CancellationToken ct) => lifecycle.DeprovisionAsync(new RequestId(requestId), ct);
}
