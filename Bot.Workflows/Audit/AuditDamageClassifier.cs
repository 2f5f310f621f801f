using Npgsql;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// Names the damage behind a row that does not link to its predecessor, by asking where its prev_hash does point:
/// to a later row (moved), to an earlier row (the rows between were inserted), or nowhere (deleted and renumbered,
/// when the row's hash verifies under a larger seq; otherwise a broken link).
/// </summary>
internal static class AuditDamageClassifier
{
    public static async Task<AuditDamage> ClassifyAsync(NpgsqlConnection connection, ChainAnomaly anomaly, CancellationToken ct)
    {
        if (anomaly.Damage is { } known) return known;
        var seq = anomaly.Seq;

        long? linked = null;
        await using (var lookup = new NpgsqlCommand("select seq from audit_events where hash = @hash", connection))
        {
            lookup.Parameters.AddWithValue("hash", anomaly.DanglingPrevHash ?? []);
            if (await lookup.ExecuteScalarAsync(ct) is long found) linked = found;
        }

        if (linked > seq)
            return new AuditDamage(seq, AuditDamageKind.ReorderedRows,
                $"Row {seq} links to row {linked}, which comes after it: rows were moved.");
        if (linked is { } earlier && earlier < seq - 1)
        {
            var inserted = earlier + 1 == seq - 1 ? $"row {earlier + 1} is" : $"rows {earlier + 1}..{seq - 1} are";
            return new AuditDamage(earlier + 1, AuditDamageKind.InsertedRow,
                $"Row {seq} links to row {earlier}: {inserted} not part of the chain as written.");
        }
        if (anomaly.RenumberedFrom is { } original)
            return new AuditDamage(seq, AuditDamageKind.DeletedRow,
                $"Row {seq} was written as row {original}: {original - seq} row(s) before it were deleted and the rest renumbered.");
        if (anomaly.SelfConsistent && seq > 1)
            return new AuditDamage(seq - 1, AuditDamageKind.BrokenLink,
                $"Row {seq}'s prev_hash matches no row although its own hash verifies: row {seq - 1} was rewritten " +
                $"with a recomputed hash (or row {seq} was forged).");
        return new AuditDamage(seq, AuditDamageKind.BrokenLink,
            $"Row {seq}'s prev_hash matches no row and its content does not produce its hash: row {seq} was altered.");
    }
}
