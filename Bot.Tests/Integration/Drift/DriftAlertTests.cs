using System.Text.Json.Nodes;
using AccessBot.Tests.Integration.Alerts;
using AccessBot.Tests.Integration.Digest;
using AccessBot.Workflows.Alerts;

namespace AccessBot.Tests.Integration.Drift;

/// <summary>The alert scanner's drift rule, through the real scan job, dispatcher and audit log.</summary>
public sealed class DriftAlertTests(AlertHarness h) : IClassFixture<AlertHarness>
{
    private static readonly DateTimeOffset At = new(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_drift_finding_alerts_once_and_not_when_the_switch_is_off()
    {
        var details = new JsonObject { ["finding"] = 1, ["resource"] = "prod-db", ["subject"] = "by_hand", ["email"] = null };
        var seq = await AuditSeeder.AppendAtAsync(h.Db.DataSource, At, "system:drift", "drift.detected", null, "prod-db", details);

        await h.ScanJob(new AlertOptions { ShadowAccess = false }).RunAsync(CancellationToken.None);
        Assert.Equal(0, await h.FiredAsync(AlertRules.ShadowAccess, $"seq:{seq}"));

        await h.Db.ExecuteAsync("update alert_cursor set last_seq = 0");
        await h.ScanRepeatedlyAsync();

        await h.AssertFiredOnceAsync(AlertRules.ShadowAccess, $"seq:{seq}");
    }
}
