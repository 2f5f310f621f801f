namespace AccessBot.Workflows.Provisioning;

/// <summary>Outcome of a grant or revoke.</summary>
public abstract record ProvisionResult
{
    private ProvisionResult() { }

    /// <summary>The target now matches what was asked. <paramref name="Detail"/> goes to the audit log (no secrets).</summary>
    public sealed record Done(string Detail) : ProvisionResult;

    /// <summary>A person must act in the target (the <c>manual</c> provisioner); the task is sent to them and worded by the adapters.</summary>
    public sealed record AwaitingHuman(Notifications.ManualTask Task) : ProvisionResult;

    /// <summary>The target refused. Transient failures are retried by the job; permanent ones fail the request.</summary>
    public sealed record Failed(string Reason, bool Permanent) : ProvisionResult;
}
