using AccessBot.Host.Cli;
using AccessBot.Tests.Fixtures;
using AccessBot.Tests.Integration.Engine;
using AccessBot.Workflows.Provisioning;
using Moq;

namespace AccessBot.Tests.Integration.Drift;

[Collection(nameof(PostgresCollection))]
public sealed class AccessInventoryTests(PostgresFixture db)
{
    [Fact]
    public async Task Inventory_shows_holders_with_their_grant_shadow_access_and_grants_missing_in_the_target_and_exits_one()
    {
        await using var h = new DriftHarness(db.DataSource);
        var held = EngineHarness.NewEmail("held");
        var missing = EngineHarness.NewEmail("missing");
        var heldGrant = await h.Engine.ActiveGrantAsync(held, h.Resource);
        var missingGrant = await h.Engine.ActiveGrantAsync(missing, h.Resource);
        h.Holders = [new ProvisionedAccess("login-held", held), new ProvisionedAccess("by-hand\u001b[2J", null)];

        var (exit, output, _) = await DriftCli.RunAsync(h, "access inventory", "--resource", h.Resource);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains($"login-held <{held}>: request #{heldGrant.Id}, expires ", output, StringComparison.Ordinal);
        Assert.Contains("by-hand?[2J <no email>: no grant: drift", output, StringComparison.Ordinal);
        Assert.Contains($"{missing}: request #{missingGrant.Id}, expires ", output, StringComparison.Ordinal);
        Assert.Contains("granted in engine, missing in target", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_without_drift_exits_zero_and_a_manual_resource_says_it_cannot_tell()
    {
        await using var h = new DriftHarness(db.DataSource);
        var held = EngineHarness.NewEmail("held");
        await h.Engine.ActiveGrantAsync(held, h.Resource);
        h.Holders = [new ProvisionedAccess("login-held", held)];

        var (exit, output, _) = await DriftCli.RunAsync(h, "access inventory");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("manual-res (manual)\n  the provisioner cannot tell who holds it", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("drift", output.Replace(h.Resource, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_reports_an_unreadable_target_with_exit_one_and_rejects_an_unknown_resource()
    {
        await using var h = new DriftHarness(db.DataSource);
        h.Provisioner.Setup(p => p.CheckAsync(It.IsAny<AccessBot.Workflows.Policy.ResourcePolicy>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ProvisionerCheckException("connection refused"));

        var unreadable = await DriftCli.RunAsync(h, "access inventory", "--resource", h.Resource);
        var unknown = await DriftCli.RunAsync(h, "access inventory", "--resource", "no-such-resource");

        Assert.Equal(ExitCodes.Refused, unreadable.Exit);
        Assert.Contains("target could not be read: connection refused", unreadable.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, unknown.Exit);
        Assert.Contains("not in the policy", unknown.Error, StringComparison.Ordinal);
    }
}
