using Hangfire;

namespace AccessBot.Workflows.Audit;

/// <summary>The recurring job that seals the audit chain's head; see <see cref="AuditJobs.Register"/>.</summary>
public sealed class AuditCheckpointJob(AuditCheckpointer checkpointer)
{
    // A refusal is a finding, not a transient fault: retrying would only repeat the alert. The next run tries again.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        var result = await checkpointer.WriteScheduledAsync(ct);
        if (result.Status == AuditCheckpointStatus.Refused)
            throw new InvalidOperationException(result.Message); // shows as a failed job on the dashboard
    }
}

public static class AuditJobs
{
    public const string CheckpointJobId = "audit-checkpoint";

    /// <summary>Hourly, on the hour (UTC).</summary>
    public const string CheckpointCron = "0 * * * *";

    public static void Register(IRecurringJobManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        manager.AddOrUpdate<AuditCheckpointJob>(
            CheckpointJobId, job => job.RunAsync(CancellationToken.None), CheckpointCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}
