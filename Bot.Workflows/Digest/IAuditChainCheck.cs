namespace AccessBot.Workflows.Digest;

/// <summary>
/// Verifies the audit hash chain (and its external checkpoints) from the first event up to a given sequence number.
/// The host wires it to the audit verifier; the digest and the chain alert only read the answer.
/// </summary>
public interface IAuditChainCheck
{
    /// <summary>Walks the chain up to and including <paramref name="seq"/>. Never throws for a damaged chain: it says so.</summary>
    Task<AuditChainCheckResult> VerifyUpToAsync(long seq, CancellationToken ct);
}

/// <summary>The answer of an <see cref="IAuditChainCheck"/>.</summary>
/// <param name="Intact">True when every row up to the sequence number is unchanged and linked.</param>
/// <param name="FirstBrokenSeq">The first row that fails verification, when not intact.</param>
/// <param name="Message">What the verifier found, for people (never secrets).</param>
public sealed record AuditChainCheckResult(bool Intact, long? FirstBrokenSeq, string Message);
