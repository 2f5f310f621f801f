using Hangfire;

namespace AccessBot.Workflows.Alerts;

/// <summary>Registers the alert scanner and the audit-chain check as recurring jobs.</summary>
public static class AlertJobs
{
    public const string ScanJobId = "alerts-scan";
    public const string ChainCheckJobId = "alerts-audit-chain";

    public static void Register(IRecurringJobManager manager, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(options);
        manager.AddOrUpdate<AlertScanJob>(ScanJobId, job => job.RunAsync(CancellationToken.None), options.ScanCron);
        manager.AddOrUpdate<AuditChainAlertJob>(ChainCheckJobId, job => job.RunAsync(CancellationToken.None), options.ChainCheckCron);
    }
}
