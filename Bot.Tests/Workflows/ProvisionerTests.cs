using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
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
    public async Task Manual_grant_asks_a_person_to_grant_with_the_facts_of_the_request()
    {
        var result = await new ManualProvisioner().GrantAsync(Context, CancellationToken.None);

        var human = Assert.IsType<ProvisionResult.AwaitingHuman>(result);
        Assert.Equal(new ManualTask(ManualStep.Grant, 812, "prod-db", "alice@example.com"), human.Task);
    }

    [Fact]
    public async Task Manual_task_carries_the_resource_s_own_instructions_from_the_policy()
    {
        var resource = Context.Resource with
        {
            Provisioner = new ProvisionerSpec("manual", new Dictionary<string, string> { ["instructions"] = " Use the DBA console. " }),
        };

        var result = await new ManualProvisioner().GrantAsync(Context with { Resource = resource }, CancellationToken.None);

        Assert.Equal("Use the DBA console.", Assert.IsType<ProvisionResult.AwaitingHuman>(result).Task.Instructions);
    }

    [Fact]
    public async Task Manual_revoke_asks_a_person_to_remove_the_access()
    {
        var result = await new ManualProvisioner().RevokeAsync(Context, CancellationToken.None);

        Assert.Equal(new ManualTask(ManualStep.Remove, 812, "prod-db", "alice@example.com"), Assert.IsType<ProvisionResult.AwaitingHuman>(result).Task);
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
