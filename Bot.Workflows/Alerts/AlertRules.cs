namespace AccessBot.Workflows.Alerts;

/// <summary>The rule names recorded in <c>alerts_fired.rule</c> and in the <c>alert.fired</c> audit event.</summary>
public static class AlertRules
{
    public const string GrantOutsideBusinessHours = "grant.outside_business_hours";
    public const string SensitiveGrant = "grant.sensitive_resource";
    public const string RepeatedDenials = "requester.repeated_denials";
    public const string RefusedClick = "click.refused";
    public const string ReconcileRevocation = "grant.revoked_by_reconcile";
    public const string AuditChainBroken = "audit.chain_broken";
    public const string ProvisioningFailed = "provisioning.failed";
    public const string ShadowAccess = "drift.shadow_access";
}

/// <summary>
/// One alert: a rule and the cause it fired for. (<see cref="Rule"/>, <see cref="Cause"/>) is unique: the same cause never
/// alerts twice. <see cref="Subject"/> groups causes about the same thing (a requester) for burst suppression.
/// </summary>
/// <param name="Facts">What happened, as typed facts; <c>digest/alert.sbn</c> words the title and the sentence per rule.</param>
/// <param name="Permalink">The chat message of the request or click, when known.</param>
public sealed record Alert(
    string Rule,
    string Cause,
    string? Subject,
    long? RequestId,
    long? SourceSeq,
    string? Resource,
    string? Person,
    DateTimeOffset At,
    AlertFacts Facts,
    string? Permalink);

/// <summary>
/// The facts an alert's sentence needs; only those of its rule are set. Raw values (never escaped): the template's markup
/// escapes every string, and some are user-supplied (names, emails, a target's account name).
/// </summary>
public sealed record AlertFacts
{
    public static AlertFacts None { get; } = new();

    /// <summary>Refused click: who clicked (as the audit log names them).</summary>
    public string? Actor { get; init; }

    /// <summary>Refused click: the engine's refusal (<c>SelfApproval</c> or <c>NotAnApprover</c>).</summary>
    public string? RefusalReason { get; init; }

    /// <summary>Sensitive grant: the resource's sensitivity.</summary>
    public Policy.Sensitivity? Sensitivity { get; init; }

    /// <summary>Shadow access: the target's own name for the holder, and the person it maps to (null when none).</summary>
    public string? Holder { get; init; }

    public string? HolderEmail { get; init; }

    /// <summary>Repeated denials: how many, within which window.</summary>
    public long? Count { get; init; }

    public TimeSpan? Window { get; init; }

    /// <summary>Audit chain: verified up to <see cref="HeadSeq"/>, first broken at <see cref="BrokenSeq"/>, and the verifier's own words.</summary>
    public long? HeadSeq { get; init; }

    public long? BrokenSeq { get; init; }

    public string? VerifierMessage { get; init; }
}
