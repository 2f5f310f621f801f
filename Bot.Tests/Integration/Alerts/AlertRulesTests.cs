using System.Text.Json.Nodes;
using AccessBot.Workflows.Alerts;
using AccessBot.Workflows.Digest;

namespace AccessBot.Tests.Integration.Alerts;

public sealed class AlertRulesTests(AlertHarness h) : IClassFixture<AlertHarness>
{
    // Wall-clock Berlin times in November 2026 (UTC+1).
    private static DateTimeOffset Berlin(int day, int hour, int minute = 0, int second = 0) =>
        new DateTimeOffset(2026, 11, day, hour, minute, second, TimeSpan.FromHours(1)).ToUniversalTime();

    [Fact]
    public async Task A_grant_outside_business_hours_alerts_once_and_one_at_opening_time_does_not()
    {
        var requester = await h.PrincipalAsync("Night Owl");
        var night = await h.RequestAsync(requester, "staging-db", "active", Berlin(17, 8, 59, 59));
        var opening = await h.RequestAsync(requester, "staging-db", "active", Berlin(16, 9, 0));
        await h.EventAsync(Berlin(17, 8, 59, 59), "grant.granted", night);
        await h.EventAsync(Berlin(16, 9, 0), "grant.granted", opening);

        await h.ScanRepeatedlyAsync();

        await h.AssertFiredOnceAsync(AlertRules.GrantOutsideBusinessHours, $"request:{night}");
        await h.AssertNeverFiredAsync(AlertRules.GrantOutsideBusinessHours, $"request:{opening}");
    }

    [Fact]
    public async Task A_grant_of_a_high_sensitivity_resource_alerts_once_and_a_medium_one_does_not()
    {
        var requester = await h.PrincipalAsync("Sam");
        var high = await h.RequestAsync(requester, "prod-db", "active", Berlin(18, 11, 0));
        var medium = await h.RequestAsync(requester, "wiki", "active", Berlin(18, 11, 0));
        await h.EventAsync(Berlin(18, 11, 0), "grant.granted", high);
        await h.EventAsync(Berlin(18, 11, 0), "grant.granted", medium);

        await h.ScanRepeatedlyAsync();

        await h.AssertFiredOnceAsync(AlertRules.SensitiveGrant, $"request:{high}");
        await h.AssertNeverFiredAsync(AlertRules.SensitiveGrant, $"request:{medium}");
        await h.AssertNeverFiredAsync(AlertRules.GrantOutsideBusinessHours, $"request:{high}");
    }

    [Fact]
    public async Task Three_denials_within_the_window_alert_once_for_the_burst()
    {
        var requester = await h.PrincipalAsync("Persistent");
        var seqs = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var id = await h.RequestAsync(requester, "prod-db", "denied");
            seqs.Add(await h.EventAsync(Berlin(19, 10 + i), "request.denied", id));
        }

        await h.ScanRepeatedlyAsync();

        await h.AssertFiredOnceAsync(AlertRules.RepeatedDenials, $"requester:{requester}:seq:{seqs[2]}");
        await h.AssertNeverFiredAsync(AlertRules.RepeatedDenials, $"requester:{requester}:seq:{seqs[3]}");
    }

    [Fact]
    public async Task Three_denials_spread_just_over_the_window_do_not_alert()
    {
        var requester = await h.PrincipalAsync("Patient");
        var seqs = new List<long>();
        foreach (var at in new[] { Berlin(10, 10), Berlin(10, 11), Berlin(11, 10, 0, 1) })
        {
            var id = await h.RequestAsync(requester, "prod-db", "denied");
            seqs.Add(await h.EventAsync(at, "request.denied", id));
        }

        await h.ScanRepeatedlyAsync();

        foreach (var seq in seqs)
            await h.AssertNeverFiredAsync(AlertRules.RepeatedDenials, $"requester:{requester}:seq:{seq}");
    }

    [Theory]
    [InlineData("SelfApproval", true)]
    [InlineData("NotAnApprover", true)]
    [InlineData("AlreadyDecidedByYou", false)]
    [InlineData("NotPending", false)]
    public async Task Refused_clicks_alert_once_for_self_approval_and_non_approvers_only(string reason, bool alerts)
    {
        var requester = await h.PrincipalAsync("Clicker");
        var id = await h.RequestAsync(requester, "prod-db", "pending");
        var seq = await h.EventAsync(Berlin(20, 10), "request.refused", id, new JsonObject { ["reason"] = reason }, "clicker@example.com");

        await h.ScanRepeatedlyAsync();

        if (alerts) await h.AssertFiredOnceAsync(AlertRules.RefusedClick, $"seq:{seq}");
        else await h.AssertNeverFiredAsync(AlertRules.RefusedClick, $"seq:{seq}");
    }

    [Fact]
    public async Task A_click_refused_by_an_adapter_alerts_like_one_refused_by_the_engine()
    {
        var requester = await h.PrincipalAsync("Self");
        var id = await h.RequestAsync(requester, "prod-db", "pending");
        var seq = await h.EventAsync(Berlin(20, 11), "chat.click_refused", id, new JsonObject { ["reason"] = "SelfApproval" });

        await h.ScanRepeatedlyAsync();

        await h.AssertFiredOnceAsync(AlertRules.RefusedClick, $"seq:{seq}");
    }

    [Fact]
    public async Task A_reconcile_revocation_alerts_once_and_a_normal_expiry_does_not()
    {
        var requester = await h.PrincipalAsync("Late");
        var swept = await h.RequestAsync(requester, "staging-db", "expired", Berlin(16, 10));
        var marked = await h.RequestAsync(requester, "staging-db", "expired", Berlin(16, 10));
        var normal = await h.RequestAsync(requester, "staging-db", "expired", Berlin(16, 10));
        await h.EventAsync(Berlin(16, 11, 1), "grant.expired", swept, actor: "system:reconcile");
        await h.EventAsync(Berlin(16, 11, 1), "grant.expired", marked, new JsonObject { ["by"] = "reconcile" });
        await h.EventAsync(Berlin(16, 11, 0), "grant.expired", normal, actor: "system:expire");

        await h.ScanRepeatedlyAsync();

        await h.AssertFiredOnceAsync(AlertRules.ReconcileRevocation, $"request:{swept}");
        await h.AssertFiredOnceAsync(AlertRules.ReconcileRevocation, $"request:{marked}");
        await h.AssertNeverFiredAsync(AlertRules.ReconcileRevocation, $"request:{normal}");
    }

    [Fact]
    public async Task Failed_provisioning_alerts_once_and_a_cancellation_does_not()
    {
        var requester = await h.PrincipalAsync("Unlucky");
        var failed = await h.RequestAsync(requester, "staging-db", "failed");
        var cancelled = await h.RequestAsync(requester, "staging-db", "cancelled");
        await h.EventAsync(Berlin(21, 10), "request.failed", failed);
        await h.EventAsync(Berlin(21, 10), "request.cancelled", cancelled);

        await h.ScanRepeatedlyAsync();

        await h.AssertFiredOnceAsync(AlertRules.ProvisioningFailed, $"request:{failed}");
        await h.AssertNeverFiredAsync(AlertRules.ProvisioningFailed, $"request:{cancelled}");
    }

    [Fact]
    public async Task A_disabled_rule_never_fires()
    {
        var requester = await h.PrincipalAsync("Quiet");
        var failed = await h.RequestAsync(requester, "staging-db", "failed");
        await h.EventAsync(Berlin(21, 11), "request.failed", failed);

        await h.ScanRepeatedlyAsync(new AlertOptions { ProvisioningFailed = false });

        await h.AssertNeverFiredAsync(AlertRules.ProvisioningFailed, $"request:{failed}");
    }

    [Fact]
    public async Task The_alert_text_is_escaped_and_links_to_the_request()
    {
        var requester = await h.PrincipalAsync("Eve <!channel> *x*");
        var id = await h.RequestAsync(requester, "staging-db", "failed");
        await h.EventAsync(Berlin(22, 10), "request.failed", id);

        await h.ScanJob().RunAsync(CancellationToken.None);

        var alertId = AlertDispatcher.NotificationId(new Alert(AlertRules.ProvisioningFailed, $"request:{id}", null, null, null, null,
            null, default, AlertFacts.None, null));
        var posted = Assert.Single(h.Posted, n => n.Id == alertId);
        Assert.Equal(["security"], posted.Audience.Channels);
        Assert.Contains("Eve &lt;!channel&gt; *x*", posted.Text, StringComparison.Ordinal);
        Assert.Contains($"<https://chat.example/r|#{id}>", posted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", posted.Text, StringComparison.Ordinal);
    }
}
