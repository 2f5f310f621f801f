using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Workflows.Provisioning.Drift;

/// <summary>Totals of one drift sweep.</summary>
public sealed record DriftSweepResult(int Checked, int Skipped, int Detected, int Resolved, int Revoked);

/// <summary>
/// Compares, per resource whose provisioner can report holders, the target's holders with the engine's active grants.
/// Shadow access (a holder without an active grant) opens one finding per (resource, subject), audited <c>drift.detected</c>
/// (the alert scanner turns that into a security alert); it is not reported again while it persists, and is closed
/// (<c>drift.resolved</c>) once the target stops reporting it. With <c>drift: revoke</c>, shadow access attributed to an
/// email is revoked through the provisioner (<c>drift.revoked</c>); unattributed access is never guessed at.
/// </summary>
/// <remarks>
/// A target that cannot be read (<see cref="ProvisionerCheckException"/>) is skipped for the run with a warning: its open
/// findings stay open, because "could not look" is not "the access is gone".
/// </remarks>
public sealed class DriftDetector(
    NpgsqlDataSource dataSource,
    IPolicyProvider policies,
    ProvisionerRegistry provisioners,
    DriftFindingStore findings,
    IPrincipalDirectory directory,
    ILogger<DriftDetector> logger)
{
    /// <summary>
    /// The request id given to a provisioner when revoking shadow access: there is no request. Provisioners use the id
    /// only to label logs and payloads.
    /// </summary>
    public static readonly RequestId NoRequest = new(0);

    public async Task<DriftSweepResult> SweepAsync(CancellationToken ct)
    {
        var total = new DriftSweepResult(0, 0, 0, 0, 0);
        foreach (var resource in policies.Current.Resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (!DriftSettings.CanTell(resource) || provisioners.Find(resource.Provisioner.Kind) is not { } provisioner) continue;
            try
            {
                var one = await CheckResourceAsync(resource, provisioner, ct);
                total = new DriftSweepResult(total.Checked + one.Checked, total.Skipped + one.Skipped, total.Detected + one.Detected,
                    total.Resolved + one.Resolved, total.Revoked + one.Revoked);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One resource's failure must not stop the sweep for the others.
                Log.ResourceFailed(logger, resource.Name, e);
                total = total with { Skipped = total.Skipped + 1 };
            }
        }
        Log.Swept(logger, total.Checked, total.Skipped, total.Detected, total.Resolved, total.Revoked);
        return total;
    }

    private async Task<DriftSweepResult> CheckResourceAsync(ResourcePolicy resource, IProvisioner provisioner, CancellationToken ct)
    {
        IReadOnlyList<ProvisionedAccess> holders;
        try
        {
            holders = await provisioner.CheckAsync(resource, ct);
        }
        catch (ProvisionerCheckException e)
        {
            Log.TargetUnreadable(logger, resource.Name, e.Message);
            return new DriftSweepResult(0, 1, 0, 0, 0);
        }

        var comparison = DriftComparison.Compare(holders, await EngineGrants.ActiveAsync(dataSource, resource.Name, ct),
            await EngineGrants.InFlightAsync(dataSource, resource.Name, ct));
        var shadow = comparison.Shadow.GroupBy(h => h.Subject, StringComparer.Ordinal).Select(g => g.First()).ToList();
        // A holder explained by a request in flight is left alone: no new finding, and an open one is not resolved yet.
        var pending = comparison.Pending.Select(h => h.Subject).ToHashSet(StringComparer.Ordinal);
        var open = (await findings.OpenAsync(resource.Name, ct)).ToDictionary(f => f.Subject, StringComparer.Ordinal);

        int detected = 0, resolved = 0, revoked = 0;
        foreach (var holder in shadow)
        {
            if (open.ContainsKey(holder.Subject)) continue;
            if (!await findings.TryOpenAsync(resource.Name, holder, ct)) continue;
            detected++;
            Log.Detected(logger, resource.Name, holder.Subject);
        }

        var present = shadow.Select(h => h.Subject).Concat(pending).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in open.Values.Where(f => !present.Contains(f.Subject)))
        {
            if (!await findings.ResolveAsync(gone, ct)) continue;
            resolved++;
            Log.Resolved(logger, resource.Name, gone.Subject);
        }
        await findings.TouchAsync([.. open.Values.Where(f => present.Contains(f.Subject)).Select(f => f.Id)], ct);

        if (DriftSettings.Revokes(resource) && shadow.Count > 0)
        {
            var current = (await findings.OpenAsync(resource.Name, ct)).ToDictionary(f => f.Subject, StringComparer.Ordinal);
            foreach (var holder in shadow)
            {
                if (current.TryGetValue(holder.Subject, out var finding) && await RevokeAsync(resource, provisioner, holder, finding, ct))
                    revoked++;
            }
        }
        return new DriftSweepResult(1, 0, detected, resolved, revoked);
    }

    private async Task<bool> RevokeAsync(
        ResourcePolicy resource, IProvisioner provisioner, ProvisionedAccess holder, DriftFinding finding, CancellationToken ct)
    {
        if (holder.Email is not { } email || string.IsNullOrWhiteSpace(email))
        {
            Log.Unattributed(logger, resource.Name, holder.Subject);
            return false;
        }
        // The provisioner derives the target's subject from the principal's email; the person may never have used the bot.
        Principal principal;
        try
        {
            principal = await directory.FindByEmailAsync(email, ct) ?? await directory.ResolveByEmailAsync(email, email.Trim(), ct);
        }
        catch (ArgumentException)
        {
            Log.RevokeFailed(logger, resource.Name, holder.Subject, "the reported email is not usable");
            return false;
        }

        var result = await provisioner.RevokeAsync(new ProvisioningContext(NoRequest, principal, resource, DateTimeOffset.MinValue), ct);
        switch (result)
        {
            case ProvisionResult.Done done:
                if (!await findings.MarkRevokedAsync(finding, done.Detail, ct)) return false;
                Log.Revoked(logger, resource.Name, holder.Subject);
                return true;
            case ProvisionResult.Failed failed:
                Log.RevokeFailed(logger, resource.Name, holder.Subject, failed.Reason);
                return false;
            default:
                Log.RevokeFailed(logger, resource.Name, holder.Subject, "the provisioner needs a person to act");
                return false;
        }
    }
}
