using AccessBot.Workflows.Policy;

namespace AccessBot.Workflows.Digest;

/// <summary>Computes the weekly digest's figures.</summary>
public interface IDigestQueries
{
    /// <summary>
    /// Reads the figures for <paramref name="period"/> (read-only; safe to call any number of times). "Right now" figures
    /// use the injected clock. The audit chain is verified up to the period's last event when a checker is registered.
    /// </summary>
    Task<WeeklyDigest> BuildAsync(DigestPeriod period, AccessPolicy policy, CancellationToken ct);
}
