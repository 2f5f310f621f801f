using AccessBot.Workflows.AccessRequests;
using Hangfire;

namespace AccessBot.Workflows.Jobs;

/// <summary>Grants an approved request (or re-grants an extended one) through its provisioner. Idempotent.</summary>
public sealed class ProvisionGrantJob(GrantLifecycle lifecycle)
{
    /// <remarks>The engine counts attempts itself and fails the request on the last one, so Hangfire's retries never outlive it.</remarks>
    [AutomaticRetry(Attempts = GrantLifecycle.MaxProvisionAttempts - 1)]
    public Task RunAsync(long requestId, CancellationToken ct) => lifecycle.ProvisionAsync(new RequestId(requestId), ct);
}
