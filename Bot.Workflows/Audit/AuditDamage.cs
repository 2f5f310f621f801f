namespace AccessBot.Workflows.Audit;

/// <summary>The first place the audit chain stops being what was written.</summary>
/// <param name="Seq">The first sequence number that is wrong (or missing).</param>
/// <param name="Kind">What kind of damage the evidence points to.</param>
/// <param name="Description">One or two sentences for a human: what was found and what it means.</param>
public sealed record AuditDamage(long Seq, AuditDamageKind Kind, string Description);

public enum AuditDamageKind
{
    /// <summary>The row's content no longer produces its stored hash (a field was edited).</summary>
    ModifiedRow,
    /// <summary>Rows are missing: a gap in seq, rows deleted and the rest renumbered, or the log ends before a signed checkpoint.</summary>
    DeletedRow,
    /// <summary>Rows that are not part of the written chain sit between two rows that link to each other.</summary>
    InsertedRow,
    /// <summary>A row links to a row that comes after it: rows were moved.</summary>
    ReorderedRows,
    /// <summary>A row's prev_hash matches no row; the cause cannot be told apart (e.g. the previous row rewritten with a recomputed hash).</summary>
    BrokenLink,
    /// <summary>The chain is self-consistent but differs from a signed checkpoint: it was rewritten with recomputed hashes.</summary>
    DiffersFromCheckpoint,
}

/// <summary>A checkpoint that was not used, and why (unreadable, malformed, unknown key, signature does not verify).</summary>
public sealed record RejectedCheckpoint(long Seq, string Source, string Reason);
