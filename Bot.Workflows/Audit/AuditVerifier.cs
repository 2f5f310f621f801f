using System.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// Walks the whole audit chain in seq order, re-hashing every row from what the database holds, and checks it against
/// signed checkpoints kept outside the database. Reports the first damaged seq and what kind of damage it is.
/// </summary>
/// <remarks>
/// Runs in one read-only REPEATABLE READ transaction, so rows appended meanwhile are simply not part of this run.
/// Streams with a raw binary COPY and allocates nothing per row.
/// </remarks>
public sealed class AuditVerifier(IOptions<AuditOptions> options)
{
    public AuditVerifier() : this(Options.Create(new AuditOptions()))
    {
    }

    /// <summary>From this many events on, the chain is read as two halves on two connections at once.</summary>
    internal long SplitThreshold { get; init; } = 200_000;

    /// <summary>Verifies against <paramref name="checkpoints"/>, trusting the public key configured in <see cref="AuditOptions"/>.</summary>
    public async Task<AuditVerificationResult> VerifyAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<SignedCheckpoint> checkpoints, CancellationToken ct)
    {
        var path = options.Value.ResolvedPublicKeyPath;
        if (checkpoints.Count == 0 || !File.Exists(path)) return await VerifyAsync(dataSource, checkpoints, null, ct);
        using var publicKey = AuditPublicKey.Load(path);
        return await VerifyAsync(dataSource, checkpoints, publicKey, ct);
    }

    /// <summary>Verifies against <paramref name="checkpoints"/>; only those signed by <paramref name="publicKey"/> are trusted.</summary>
    public Task<AuditVerificationResult> VerifyAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<SignedCheckpoint> checkpoints, AuditPublicKey? publicKey, CancellationToken ct) =>
        VerifyCoreAsync(dataSource, null, checkpoints, publicKey, ct);

    /// <summary>
    /// Verifies rows 1..<paramref name="seq"/> only (what a periodic check that read the head earlier needs); rows missing
    /// up to <paramref name="seq"/> are damage, rows after it are not looked at, and checkpoints beyond it are not used.
    /// </summary>
    public Task<AuditVerificationResult> VerifyUpToAsync(
        NpgsqlDataSource dataSource, long seq, IReadOnlyList<SignedCheckpoint> checkpoints, AuditPublicKey? publicKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        return VerifyCoreAsync(dataSource, seq, checkpoints.Where(c => c.Seq <= seq).ToList(), publicKey, ct);
    }

    private async Task<AuditVerificationResult> VerifyCoreAsync(
        NpgsqlDataSource dataSource, long? upToSeq, IReadOnlyList<SignedCheckpoint> checkpoints, AuditPublicKey? publicKey,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(checkpoints);
        var accepted = new List<SignedCheckpoint>();
        var rejected = new List<RejectedCheckpoint>();
        foreach (var checkpoint in checkpoints)
        {
            var reason = publicKey is null ? "no public key was given to check its signature" : publicKey.Check(checkpoint);
            if (reason is null) accepted.Add(checkpoint);
            else rejected.Add(new RejectedCheckpoint(checkpoint.Seq, checkpoint.Source ?? $"checkpoint {checkpoint.Seq}", reason));
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("set transaction read only", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(ct);
        }

        var walk = await AuditSplitWalk.WalkAsync(dataSource, connection, upToSeq, accepted, SplitThreshold, ct);
        var damage = walk.Anomaly is { } anomaly
            ? await AuditDamageClassifier.ClassifyAsync(connection, anomaly, ct)
            : Truncation(walk.LastSeq, upToSeq, accepted);
        await transaction.CommitAsync(ct);

        var verifiedUpTo = damage is null ? walk.LastSeq : damage.Seq - 1;
        return new AuditVerificationResult(
            walk.RowsChecked,
            walk.LastSeq,
            walk.LastSeq == 0 ? null : Convert.ToHexStringLower(walk.LastHash),
            accepted.Count(c => c.Seq <= verifiedUpTo),
            damage,
            rejected);
    }

    /// <summary>An intact chain that ends before a signed checkpoint (or the seq it was to be verified up to) lost its last rows.</summary>
    private static AuditDamage? Truncation(long lastSeq, long? upToSeq, List<SignedCheckpoint> accepted)
    {
        var beyond = accepted.Where(c => c.Seq > lastSeq).ToList();
        if (beyond.Count == 0)
        {
            if (upToSeq is not { } expected || expected <= lastSeq) return null;
            return new AuditDamage(lastSeq + 1, AuditDamageKind.DeletedRow,
                $"The log ends at row {lastSeq}, but rows up to {expected} were to be verified: the rows after {lastSeq} are gone.");
        }
        var latest = beyond.MaxBy(c => c.Seq)!;
        var first = lastSeq + 1;
        var rows = first == latest.Seq ? $"row {first} was" : $"rows {first}..{latest.Seq} were";
        return new AuditDamage(first, AuditDamageKind.DeletedRow,
            $"The log ends at row {lastSeq}, but the signed checkpoint {latest.Seq} of {latest.CreatedAtText} records rows up to " +
            $"{latest.Seq}: {rows} deleted.");
    }
}
