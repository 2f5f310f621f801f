using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;

namespace AccessBot.Workflows.Alerts;

/// <summary>How the audit log spells the events the alerts react to (the digest's SQL uses the same definitions).</summary>
public static class AuditActions
{
    /// <summary>
    /// The engine audits refusals as <c>request.refused</c>; adapters audit clicks they refuse as <c>&lt;platform&gt;.click_refused</c>.
    /// </summary>
    public static bool IsRefusedClick(string action) =>
        action == "request.refused" || action.EndsWith(".click_refused", StringComparison.Ordinal);

    /// <summary>A <c>grant.expired</c> written by the reconcile sweep rather than the grant's own expiry job.</summary>
    public static bool IsReconcileRevocation(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Action == "grant.expired"
            && ((string?)e.Details["by"] == "reconcile" || e.Actor == Actor.System("reconcile").Name);
    }
}
