using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.Provisioning;

/// <summary>
/// The <c>manual</c> kind: a person grants and removes the access in the target. Grant and revoke only produce
/// instructions; the engine keeps the request Approved until someone confirms (<c>request provisioned</c>) and still ends
/// and audits the grant at its expiry, telling the person to remove it.
/// </summary>
/// <remarks>Optional setting <c>instructions</c> travels with the task and is shown after it (it comes from the policy file, not from users).</remarks>
public sealed class ManualProvisioner : IProvisioner
{
    public const string KindName = "manual";

    public string Kind => KindName;

    public Task<ProvisionResult> GrantAsync(ProvisioningContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult<ProvisionResult>(new ProvisionResult.AwaitingHuman(TaskFor(ManualStep.Grant, context)));
    }

    public Task<ProvisionResult> RevokeAsync(ProvisioningContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult<ProvisionResult>(new ProvisionResult.AwaitingHuman(TaskFor(ManualStep.Remove, context)));
    }

    public Task<IReadOnlyList<ProvisionedAccess>> CheckAsync(ResourcePolicy resource, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ProvisionedAccess>>([]);

    /// <summary>The facts of the task; the chat adapters word it (templates <c>notices/manual_task.sbn</c>).</summary>
    private static ManualTask TaskFor(ManualStep step, ProvisioningContext context) => new(
        step, context.RequestId.Value, context.Resource.Name, context.Principal.Email,
        context.Resource.Provisioner.Settings.TryGetValue("instructions", out var extra) && !string.IsNullOrWhiteSpace(extra) ? extra.Trim() : null);
}
