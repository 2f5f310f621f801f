namespace AccessBot.Workflows.Provisioning.Drift;

/// <summary>
/// One holder the target reports, with the engine grant that explains it, or the request in flight that explains it for
/// now; neither: shadow access.
/// </summary>
public sealed record MatchedHolder(ProvisionedAccess Holder, EngineGrant? Grant, InFlightRequest? InFlight = null)
{
    public bool IsDrift => Grant is null && InFlight is null;
}

/// <summary>The comparison of a target's holders with the engine's active grants of one resource.</summary>
/// <param name="Holders">Every holder, matched to a grant or not.</param>
/// <param name="Missing">Active grants whose person the target does not report.</param>
public sealed record DriftComparison(IReadOnlyList<MatchedHolder> Holders, IReadOnlyList<EngineGrant> Missing)
{
    public IEnumerable<ProvisionedAccess> Shadow => Holders.Where(h => h.IsDrift).Select(h => h.Holder);

    /// <summary>Holders explained only by a request in flight: neither drift nor gone.</summary>
    public IEnumerable<ProvisionedAccess> Pending => Holders.Where(h => h.InFlight is not null && h.Grant is null).Select(h => h.Holder);

    /// <summary>
    /// Matches on email, case-insensitively. A holder without an email is never matched: unattributed access is always drift.
    /// With several grants for one person, the one that runs longest is shown. A holder whose only explanation is a
    /// request in flight (<paramref name="inFlight"/>) is not drift: the engine is about to make the target agree.
    /// </summary>
    public static DriftComparison Compare(
        IReadOnlyList<ProvisionedAccess> holders, IReadOnlyList<EngineGrant> grants, IReadOnlyList<InFlightRequest>? inFlight = null)
    {
        ArgumentNullException.ThrowIfNull(holders);
        ArgumentNullException.ThrowIfNull(grants);
        var byEmail = grants
            .GroupBy(g => g.Email.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.MaxBy(x => x.ExpiresAt)!, StringComparer.OrdinalIgnoreCase);
        var flying = (inFlight ?? []).GroupBy(r => r.Email.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var matched = holders
            .Select(h => h.Email is { } email
                ? new MatchedHolder(h, byEmail.GetValueOrDefault(email.Trim()), flying.GetValueOrDefault(email.Trim()))
                : new MatchedHolder(h, null))
            .ToList();
        var held = matched.Where(m => m.Grant is not null).Select(m => m.Grant!.Email.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = byEmail.Values.Where(g => !held.Contains(g.Email.Trim())).OrderBy(g => g.RequestId.Value).ToList();
        return new DriftComparison(matched, missing);
    }
}
