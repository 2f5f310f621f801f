namespace AccessBot.Workflows.Outbox;

/// <summary>The kinds of follow-up work an outbox row asks for; each maps to one Hangfire job.</summary>
public static class OutboxKinds
{
    /// <summary>Deliver a chat notification (payload: kind, emails, channels, text).</summary>
    public const string Notify = "notify";
    /// <summary>Grant the approved access through the resource's provisioner.</summary>
    public const string Provision = "provision";
    /// <summary>Take access away in the target after a release or revoke.</summary>
    public const string Deprovision = "deprovision";
    /// <summary>End the grant at its expiry (run_at = expires_at).</summary>
    public const string Expire = "expire";
    /// <summary>Offer the requester an extension shortly before expiry.</summary>
    public const string Remind = "remind";
    /// <summary>Tell the escalation group that a step waited too long (payload: step).</summary>
    public const string Escalate = "escalate";
    /// <summary>Close a request that waited too long for decisions.</summary>
    public const string TimeOut = "timeout";
    /// <summary>Several of the above for one request, written by one transition (payload: items); see <see cref="OutboxItemId"/>.</summary>
    public const string Batch = "batch";
}
