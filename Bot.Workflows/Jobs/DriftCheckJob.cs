using AccessBot.Workflows.Provisioning.Drift;
using Hangfire;

namespace AccessBot.Workflows.Jobs;

/// <summary>Recurring drift sweep (<see cref="DriftDetector"/>): every few minutes, one run at a time.</summary>
public sealed class DriftCheckJob(DriftDetector detector)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken ct) => detector.SweepAsync(ct);
}
