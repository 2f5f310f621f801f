namespace AccessBot.Workflows.Provisioning;

/// <summary>
/// Grants and revokes access in a real target. One implementation per <see cref="Policy.ProvisionerSpec.Kind"/>.
/// </summary>
/// <remarks>
/// Called from jobs that run at least once: <see cref="GrantAsync"/> on access that is already granted and
/// <see cref="RevokeAsync"/> on access that is already gone must succeed quietly. Expected failures are results;
/// exceptions are for bugs and are retried by the job like transient failures.
/// </remarks>
public interface IProvisioner
{
    /// <summary>The <c>provisioner.kind</c> this implementation serves (<c>manual</c>, <c>postgres</c>, <c>webhook</c>).</summary>
    string Kind { get; }

    Task<ProvisionResult> GrantAsync(ProvisioningContext context, CancellationToken ct);

    Task<ProvisionResult> RevokeAsync(ProvisioningContext context, CancellationToken ct);

    /// <summary>Who holds the resource in the target right now, for drift detection. Empty when the target cannot tell.</summary>
    Task<IReadOnlyList<ProvisionedAccess>> CheckAsync(Policy.ResourcePolicy resource, CancellationToken ct);
}
