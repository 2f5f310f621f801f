using System.ComponentModel.DataAnnotations;
using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.Alerts;

/// <summary>
/// Real-time alert settings (section <c>AccessBot:Alerts</c>). The policy file has no alerts section yet, so the knobs
/// live here; business hours and resource sensitivity still come from the policy.
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "AccessBot:Alerts";

    /// <summary>The policy channel alerts go to; null uses the digest's channel.</summary>
    public string? Channel { get; set; }

    public bool GrantOutsideBusinessHours { get; set; } = true;

    public bool SensitiveGrant { get; set; } = true;

    /// <summary>Grants of resources at or above this sensitivity alert (any path: chain, auto-approval, break-glass).</summary>
    public Sensitivity SensitiveFrom { get; set; } = Sensitivity.High;

    public bool RepeatedDenials { get; set; } = true;

    /// <summary>Denials of one requester's requests within <see cref="DenialWindow"/> that raise an alert.</summary>
    [Range(2, 1000)]
    public int DenialThreshold { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan DenialWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A click refused because the person tried to approve their own request or is not an approver.</summary>
    public bool RefusedClick { get; set; } = true;

    /// <summary>The reconcile sweep revoked a grant whose expiry job had not.</summary>
    public bool ReconcileRevocation { get; set; } = true;

    public bool AuditChainBroken { get; set; } = true;

    /// <summary>Provisioning failed after its retries (the request ended in state failed).</summary>
    public bool ProvisioningFailed { get; set; } = true;

    /// <summary>The drift check found access in a target that no active grant explains (granted by hand).</summary>
    public bool ShadowAccess { get; set; } = true;

    /// <summary>Audit events read per database round trip by the scanner.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How often the scanner runs (Hangfire cron, UTC).</summary>
    [Required]
    public string ScanCron { get; set; } = "* * * * *";

    /// <summary>How often the whole audit chain is verified for the chain alert (Hangfire cron, UTC).</summary>
    [Required]
    public string ChainCheckCron { get; set; } = "17 * * * *";
}
