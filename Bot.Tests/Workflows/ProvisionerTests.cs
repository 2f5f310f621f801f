using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Provisioning;
using Moq;

namespace AccessBot.Tests.Workflows;

public sealed class ProvisionerTests
{
    private static readonly ProvisioningContext Context = new(
        new RequestId(812),
        new Principal(new PrincipalId(Guid.NewGuid()), "alice@example.com", "Alice"),
        new PolicyBuilder().Resource("prod-db", r => r.Provisioner("manual")).Build().Resources["prod-db"],
        DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Manual_grant_asks_a_person_and_names_the_confirm_command()
    {
        var result = await new ManualProvisioner().GrantAsync(Context, CancellationToken.None);

        var human = Assert.IsType<ProvisionResult.AwaitingHuman>(result);
        Assert.Contains("alice@example.com", human.Instructions, StringComparison.Ordinal);
        Assert.Contains("request provisioned 812", human.Instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manual_revoke_asks_a_person_to_remove_the_access()
    {
        var result = await new ManualProvisioner().RevokeAsync(Context, CancellationToken.None);

        Assert.StartsWith("Remove prod-db from alice@example.com", Assert.IsType<ProvisionResult.AwaitingHuman>(result).Instructions, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_finds_provisioners_by_kind_case_insensitively()
    {
        var custom = new Mock<IProvisioner>();
        custom.SetupGet(p => p.Kind).Returns("Webhook");

        var registry = new ProvisionerRegistry([new ManualProvisioner(), custom.Object]);

        Assert.Same(custom.Object, registry.Find("webhook"));
        Assert.IsType<ManualProvisioner>(registry.Find("MANUAL"));
        Assert.Null(registry.Find("postgres"));
    }
}
