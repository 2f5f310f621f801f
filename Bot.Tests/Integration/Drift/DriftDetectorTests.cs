using AccessBot.Tests.Fixtures;
using AccessBot.Tests.Integration.Engine;
using AccessBot.Workflows.Alerts;
using AccessBot.Workflows.Provisioning;
using AccessBot.Workflows.Provisioning.Drift;
using Microsoft.Extensions.Options;
using Moq;

namespace AccessBot.Tests.Integration.Drift;

[Collection(nameof(PostgresCollection))]
public sealed class DriftDetectorTests(PostgresFixture db)
{
    [Fact]
    public async Task Shadow_access_is_audited_once_and_a_granted_holder_is_not_drift()
    {
        await using var h = new DriftHarness(db.DataSource);
        var granted = EngineHarness.NewEmail("granted");
        await h.Engine.ActiveGrantAsync(granted, h.Resource);
        var shadow = EngineHarness.NewEmail("shadow");
        h.Holders = [new ProvisionedAccess("login-granted", granted.ToUpperInvariant()), new ProvisionedAccess("login-shadow", shadow)];

        var first = await h.Detector.SweepAsync(CancellationToken.None);
        var second = await h.Detector.SweepAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first.Detected, second.Detected));
        var audit = Assert.Single(await h.DriftAuditAsync());
        Assert.Equal("drift.detected", audit.Action);
        Assert.Equal(("login-shadow", shadow, h.Resource), ((string?)audit.Details["subject"], (string?)audit.Details["email"], (string?)audit.Details["resource"]));
        Assert.Single(await h.Engine.Get<DriftFindingStore>().OpenAsync(h.Resource, CancellationToken.None));
    }

    [Fact]
    public async Task Detection_raises_one_security_alert_and_the_persisting_finding_does_not_alert_again()
    {
        await using var h = new DriftHarness(db.DataSource);
        h.Holders = [new ProvisionedAccess("hand-made", null)];
        await h.Detector.SweepAsync(CancellationToken.None);
        await h.Detector.SweepAsync(CancellationToken.None);

        var detected = await h.LastDriftEventAsync("drift.detected");
        var alerts = await new AlertEvaluator(db.DataSource, Options.Create(new AlertOptions()))
            .EvaluateAsync(detected, h.Engine.Policy.Current, CancellationToken.None);

        var alert = Assert.Single(alerts);
        Assert.Equal((AlertRules.ShadowAccess, $"seq:{detected.Seq}", h.Resource), (alert.Rule, alert.Cause, alert.Resource));
        Assert.Equal(("hand-made", null), (alert.Facts.Holder, alert.Facts.HolderEmail));
        Assert.Single(await h.DriftAuditAsync());
    }

    [Fact]
    public async Task Finding_is_resolved_and_audited_when_the_access_disappears_and_reopens_if_it_returns()
    {
        await using var h = new DriftHarness(db.DataSource);
        h.Holders = [new ProvisionedAccess("login-x", "x@example.com")];
        await h.Detector.SweepAsync(CancellationToken.None);

        h.Holders = [];
        var resolved = await h.Detector.SweepAsync(CancellationToken.None);
        h.Holders = [new ProvisionedAccess("login-x", "x@example.com")];
        var again = await h.Detector.SweepAsync(CancellationToken.None);

        Assert.Equal((1, 1), (resolved.Resolved, again.Detected));
        Assert.Equal(["drift.detected", "drift.resolved", "drift.detected"], (await h.DriftAuditAsync()).Select(a => a.Action));
        Assert.Single(await h.Engine.Get<DriftFindingStore>().OpenAsync(h.Resource, CancellationToken.None));
    }

    [Fact]
    public async Task Revoke_setting_revokes_attributed_shadow_access_through_the_provisioner_but_never_guesses_an_unattributed_one()
    {
        await using var h = new DriftHarness(db.DataSource, new Dictionary<string, string> { ["drift"] = "revoke" });
        var shadow = EngineHarness.NewEmail("shadow");
        h.Holders = [new ProvisionedAccess("login-shadow", shadow), new ProvisionedAccess("orphan", null)];

        var result = await h.Detector.SweepAsync(CancellationToken.None);

        Assert.Equal((2, 1), (result.Detected, result.Revoked));
        h.Provisioner.Verify(p => p.RevokeAsync(
            It.Is<ProvisioningContext>(c => c.Principal.Email == shadow && c.Resource.Name == h.Resource && c.RequestId == DriftDetector.NoRequest),
            It.IsAny<CancellationToken>()), Times.Once);
        h.Provisioner.Verify(p => p.RevokeAsync(It.Is<ProvisioningContext>(c => c.Principal.Email != shadow), It.IsAny<CancellationToken>()), Times.Never);
        var revoked = Assert.Single(await h.DriftAuditAsync(), a => a.Action == "drift.revoked");
        Assert.Equal(("login-shadow", "revoked in target"), ((string?)revoked.Details["subject"], (string?)revoked.Details["detail"]));

        h.Holders = [new ProvisionedAccess("orphan", null)];
        await h.Detector.SweepAsync(CancellationToken.None);
        var resolved = Assert.Single(await h.DriftAuditAsync(), a => a.Action == "drift.resolved");
        Assert.Equal(true, (bool?)resolved.Details["revoked_by_bot"]);
    }

    [Fact]
    public async Task Report_mode_does_not_revoke()
    {
        await using var h = new DriftHarness(db.DataSource);
        h.Holders = [new ProvisionedAccess("login-shadow", EngineHarness.NewEmail("shadow"))];

        await h.Detector.SweepAsync(CancellationToken.None);

        h.Provisioner.Verify(p => p.RevokeAsync(It.IsAny<ProvisioningContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Unreadable_target_is_skipped_and_keeps_its_open_findings()
    {
        await using var h = new DriftHarness(db.DataSource);
        h.Holders = [new ProvisionedAccess("login-x", "x@example.com")];
        await h.Detector.SweepAsync(CancellationToken.None);
        h.Provisioner.Setup(p => p.CheckAsync(It.IsAny<AccessBot.Workflows.Policy.ResourcePolicy>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ProvisionerCheckException("target unreachable"));

        var result = await h.Detector.SweepAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (result.Checked, result.Skipped, result.Resolved));
        Assert.Equal(["drift.detected"], (await h.DriftAuditAsync()).Select(a => a.Action));
        Assert.Single(await h.Engine.Get<DriftFindingStore>().OpenAsync(h.Resource, CancellationToken.None));
    }

    [Fact]
    public async Task Access_of_a_request_being_provisioned_or_awaiting_clean_up_is_not_drift()
    {
        await using var h = new DriftHarness(db.DataSource, new Dictionary<string, string> { ["drift"] = "revoke" });
        var approving = EngineHarness.NewEmail("approving");
        var request = await h.Engine.SubmitAsync(approving, h.Resource);
        await h.Engine.DecideAsync(request.Id, EngineHarness.Bob);
        var ending = EngineHarness.NewEmail("ending");
        var ended = await h.Engine.ActiveGrantAsync(ending, h.Resource);
        await h.Engine.Engine.RevokeAsync(ended.Id, await h.Engine.PersonAsync(EngineHarness.Admin), "done", CancellationToken.None);
        h.Holders = [new ProvisionedAccess("login-approving", approving), new ProvisionedAccess("login-ending", ending)];

        var result = await h.Detector.SweepAsync(CancellationToken.None);

        Assert.Equal((1, 0, 0), (result.Checked, result.Detected, result.Revoked));
        Assert.Empty(await h.DriftAuditAsync());
        h.Provisioner.Verify(p => p.RevokeAsync(It.IsAny<ProvisioningContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
