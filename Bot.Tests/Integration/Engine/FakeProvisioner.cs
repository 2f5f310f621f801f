using System.Collections.Concurrent;
using AccessBot.Workflows.Policy;
using AccessBot.Workflows.Provisioning;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>A provisioner of kind "fake" whose results the test sets; records every call.</summary>
public sealed class FakeProvisioner : IProvisioner
{
    public const string KindName = "fake";

    public string Kind => KindName;

    public ConcurrentQueue<ProvisioningContext> Grants { get; } = new();

    public ConcurrentQueue<ProvisioningContext> Revokes { get; } = new();

    public Func<ProvisioningContext, ProvisionResult> OnGrant { get; set; } = _ => new ProvisionResult.Done("granted role");

    public Func<ProvisioningContext, ProvisionResult> OnRevoke { get; set; } = _ => new ProvisionResult.Done("revoked role");

    public Task<ProvisionResult> GrantAsync(ProvisioningContext context, CancellationToken ct)
    {
        Grants.Enqueue(context);
        return Task.FromResult(OnGrant(context));
    }

    public Task<ProvisionResult> RevokeAsync(ProvisioningContext context, CancellationToken ct)
    {
        Revokes.Enqueue(context);
        return Task.FromResult(OnRevoke(context));
    }

    public Task<IReadOnlyList<ProvisionedAccess>> CheckAsync(ResourcePolicy resource, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ProvisionedAccess>>([]);
}
