namespace AccessBot.Workflows.Provisioning;

/// <summary>Outcome of a grant or revoke.</summary>
public abstract record ProvisionResult
{
    private ProvisionResult() { }

    /// <summary>The target now matches what was asked. <paramref name="Detail"/> goes to the audit log (no secrets).</summary>
    public sealed record Done(string Detail) : ProvisionResult;

    /// <summary>A person must act in the target (the <c>manual</c> provisioner); the instructions are sent to them.</summary>
    public sealed record AwaitingHuman(string Instructions) : ProvisionResult;

    /// <summary>The target refused. Transient failures are retried by the job; permanent ones fail the request.</summary>
    public sealed record Failed(string Reason, bool Permanent) : ProvisionResult;
}
