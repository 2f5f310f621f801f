using Hangfire;

namespace AccessBot.Workflows.Jobs;

/// <summary>The engine's recurring jobs. The host calls <see cref="Register"/> once at start-up (idempotent).</summary>
public static class RecurringJobs
{
    public const string ReconcileId = "accessbot-reconcile";

    /// <summary>Compares targets with the engine's grants (shadow access); reading every target each minute would be wasteful.</summary>
    public const string DriftCheckId = "accessbot-drift-check";

    public static void Register(IRecurringJobManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        manager.AddOrUpdate<ReconcileJob>(ReconcileId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        manager.AddOrUpdate<DriftCheckJob>(DriftCheckId, j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
    }
}
