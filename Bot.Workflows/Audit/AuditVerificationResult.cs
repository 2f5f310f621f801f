namespace AccessBot.Workflows.Audit;

/// <summary>What a verification run found.</summary>
/// <param name="EventsChecked">Rows that verified before the first damage (all rows when intact).</param>
/// <param name="LastSeq">The last sequence number that verified (0 for an empty log).</param>
/// <param name="HeadHash">Hash of that row, lowercase hex; null for an empty log.</param>
/// <param name="CheckpointsMatched">Signed checkpoints whose rows all verified against the chain.</param>
/// <param name="FirstDamage">The first damage in seq order, or null.</param>
/// <param name="RejectedCheckpoints">Checkpoints that could not be trusted (e.g. a forged signature); any of them fails verification.</param>
public sealed record AuditVerificationResult(
    long EventsChecked,
    long LastSeq,
    string? HeadHash,
    int CheckpointsMatched,
    AuditDamage? FirstDamage,
    IReadOnlyList<RejectedCheckpoint> RejectedCheckpoints)
{
    public bool IsIntact => FirstDamage is null && RejectedCheckpoints.Count == 0;
}
