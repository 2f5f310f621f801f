using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.Provisioning;

/// <summary>Everything a provisioner needs for one grant or revoke. <see cref="ExpiresAt"/> lets targets set a second deadline.</summary>
public sealed record ProvisioningContext(RequestId RequestId, Principal Principal, ResourcePolicy Resource, DateTimeOffset ExpiresAt);

/// <summary>One holder of a resource as the target reports it.</summary>
/// <param name="Subject">The target's name for the holder (a login role, an account id).</param>
/// <param name="Email">The principal's email when the provisioner can map the subject back to one.</param>
public sealed record ProvisionedAccess(string Subject, string? Email);
