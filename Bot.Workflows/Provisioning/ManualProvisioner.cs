using System.Globalization;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.Provisioning;

/// <summary>
/// The <c>manual</c> kind: a person grants and removes the access in the target. Grant and revoke only produce
/// instructions; the engine keeps the request Approved until someone confirms (<c>request provisioned</c>) and still ends
/// and audits the grant at its expiry, telling the person to remove it.
/// </summary>
/// <remarks>Optional setting <c>instructions</c> is appended to the generated text (it comes from the policy file, not from users).</remarks>
public sealed class ManualProvisioner : IProvisioner
{
    public const string KindName = "manual";

    public string Kind => KindName;

    public Task<ProvisionResult> GrantAsync(ProvisioningContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Grant {context.Resource.Name} to {context.Principal.Email} for request #{context.RequestId}, then confirm it with `request provisioned {context.RequestId}`.");
        return Task.FromResult<ProvisionResult>(new ProvisionResult.AwaitingHuman(WithSetting(text, context.Resource)));
    }

    public Task<ProvisionResult> RevokeAsync(ProvisioningContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Remove {context.Resource.Name} from {context.Principal.Email} (request #{context.RequestId} has ended).");
        return Task.FromResult<ProvisionResult>(new ProvisionResult.AwaitingHuman(WithSetting(text, context.Resource)));
    }

    public Task<IReadOnlyList<ProvisionedAccess>> CheckAsync(ResourcePolicy resource, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ProvisionedAccess>>([]);

    private static string WithSetting(string text, ResourcePolicy resource) =>
        resource.Provisioner.Settings.TryGetValue("instructions", out var extra) && !string.IsNullOrWhiteSpace(extra)
            ? $"{text} {extra.Trim()}"
            : text;
}
