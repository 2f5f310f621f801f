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

    public static string TitleOf(string rule) => rule switch
    {
        GrantOutsideBusinessHours => "Access granted outside business hours",
        SensitiveGrant => "Access granted to a sensitive resource",
        RepeatedDenials => "Repeated denials for one requester",
        RefusedClick => "Approval click refused",
        ReconcileRevocation => "Expired grant was still active",
        AuditChainBroken => "Audit chain verification failed",
        ProvisioningFailed => "Provisioning failed after retries",
        ShadowAccess => "Access held in a target without a grant",
        _ => rule,
    };
}

/// <summary>
/// One alert: a rule and the cause it fired for. (<see cref="Rule"/>, <see cref="Cause"/>) is unique: the same cause never
/// alerts twice. <see cref="Subject"/> groups causes about the same thing (a requester) for burst suppression.
/// </summary>
/// <param name="Detail">What happened, for people; it may quote user-supplied values (escaped when rendered).</param>
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
    string Detail,
    string? Permalink)
{
    public string Title => AlertRules.TitleOf(Rule);
}
