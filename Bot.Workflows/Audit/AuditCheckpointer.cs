using System.Data;
using System.Text;
using System.Text.Json.Nodes;
using AccessBot.Workflows.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// Seals the current head of the audit chain in a signed checkpoint file outside the database, after checking that
/// every row since the previous checkpoint verifies and links to it (a damaged chain is never signed).
/// </summary>
/// <remarks>
/// The checkpoint is also recorded in the log as an <c>audit.checkpoint</c> event, appended after the head was sealed.
/// That event is therefore covered by the next checkpoint, not its own; in exchange the log itself shows when each
/// checkpoint was taken and which file holds it, so a deleted checkpoint file is noticed. Scheduled runs skip when
/// that event is the only thing new, so an idle log does not grow by itself.
/// </remarks>
public sealed class AuditCheckpointer(
    NpgsqlDataSource dataSource,
    IAuditLog auditLog,
    IOptions<AuditOptions> options,
    TimeProvider time,
    IEnumerable<IAuditCheckpointListener> listeners,
    ILogger<AuditCheckpointer> logger)
{
    public const string CheckpointAction = "audit.checkpoint";

    /// <summary>On demand: writes a checkpoint whenever the head moved since the last one.</summary>
    public Task<AuditCheckpointResult> WriteAsync(CancellationToken ct) => RunAsync(skipOwnEvent: false, ct);

    /// <summary>Scheduled: as <see cref="WriteAsync"/>, but a head that is only the last checkpoint's own event is not sealed again.</summary>
    public Task<AuditCheckpointResult> WriteScheduledAsync(CancellationToken ct) => RunAsync(skipOwnEvent: true, ct);

    private async Task<AuditCheckpointResult> RunAsync(bool skipOwnEvent, CancellationToken ct)
    {
        var settings = options.Value;
        using var key = AuditSigningKey.LoadOrCreate(settings.SigningKeyPath, settings.ResolvedPublicKeyPath);
        using var publicKey = AuditPublicKey.FromPem(key.PublicKeyPem());
        var store = new AuditCheckpointStore(settings.CheckpointFolder);
        var latest = await store.LatestTrustedAsync(publicKey, ct);

        var sealedHead = await SealHeadAsync(latest, skipOwnEvent, ct);
        if (sealedHead.Result is { } early) return await ReportAsync(early, ct);

        var (seq, headHash, prefixes) = sealedHead.Head!.Value;
        var unsigned = new SignedCheckpoint(seq, headHash, latest?.Seq ?? 0, prefixes, time.GetUtcNow(), key.KeyId, "");
        var checkpoint = unsigned with { Signature = key.Sign(unsigned.SignedPayload()) };

        string path;
        try
        {
            path = await store.WriteAsync(checkpoint, ct);
        }
        catch (IOException) when (File.Exists(store.PathFor(seq)))
        {
            // Another replica sealed the same head a moment earlier; theirs stands, if it is genuine.
            var existing = await AuditCheckpointStore.ReadAsync(store.PathFor(seq), ct);
            if (publicKey.Check(existing) is { } reason)
                throw new InvalidOperationException($"{store.PathFor(seq)} already exists and is not a valid checkpoint: {reason}.");
            return await ReportAsync(new AuditCheckpointResult(AuditCheckpointStatus.UpToDate,
                $"Checkpoint {seq} was already written.", existing, existing.Source), ct);
        }

        await auditLog.AppendAsync(dataSource, new AuditRecord(
            Actor.System("audit-checkpoint"), CheckpointAction, null, null,
            new JsonObject
            {
                ["seq"] = checkpoint.Seq,
                ["headHash"] = checkpoint.HeadHash,
                ["previousSeq"] = checkpoint.PreviousSeq,
                ["keyId"] = checkpoint.KeyId,
                ["file"] = Path.GetFileName(path),
            }), ct);
        return await ReportAsync(new AuditCheckpointResult(AuditCheckpointStatus.Written,
            $"Checkpoint {seq} written.", checkpoint, path), ct);
    }

    private sealed record SealedHead(AuditCheckpointResult? Result, (long Seq, string HeadHash, string Prefixes)? Head);

    private async Task<SealedHead> SealHeadAsync(SignedCheckpoint? latest, bool skipOwnEvent, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        long headSeq = 0;
        var headHash = Array.Empty<byte>();
        var headAction = "";
        await using (var head = new NpgsqlCommand("select seq, hash, action from audit_events order by seq desc limit 1", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                headSeq = reader.GetInt64(0);
                headHash = reader.GetFieldValue<byte[]>(1);
                headAction = reader.GetString(2);
            }
        }

        if (latest is not null)
        {
            var latestHead = Convert.FromHexString(latest.HeadHash);
            if (headSeq < latest.Seq)
                return Refuse(new AuditDamage(headSeq + 1, AuditDamageKind.DeletedRow,
                    $"The log ends at row {headSeq}, but checkpoint {latest.Seq} records rows up to {latest.Seq}."));
            if (headSeq == latest.Seq)
            {
                return headHash.AsSpan().SequenceEqual(latestHead)
                    ? UpToDate(latest, "Nothing was appended since the last checkpoint.")
                    : Refuse(new AuditDamage(headSeq, AuditDamageKind.DiffersFromCheckpoint,
                        $"Row {headSeq} no longer has the hash checkpoint {latest.Seq} recorded."));
            }
            if (skipOwnEvent && headSeq == latest.Seq + 1 && headAction == CheckpointAction)
                return UpToDate(latest, "Only the last checkpoint's own event was appended since.");
        }
        else if (headSeq == 0)
        {
            return new SealedHead(new AuditCheckpointResult(AuditCheckpointStatus.EmptyLog, "The audit log is empty."), null);
        }

        var prefixes = new StringBuilder((int)Math.Min(int.MaxValue / 2, (headSeq - (latest?.Seq ?? 0)) * SignedCheckpoint.PrefixHexLength));
        using var walker = new AuditChainWalker();
        var walk = await walker.WalkAsync(
            connection, latest?.Seq ?? 0, latest is null ? AuditCanonicalForm.Genesis : Convert.FromHexString(latest.HeadHash),
            headSeq, null, (_, hash) => AppendPrefix(prefixes, hash), ct);
        if (walk.Anomaly is { } anomaly) return Refuse(await AuditDamageClassifier.ClassifyAsync(connection, anomaly, ct));
        await transaction.CommitAsync(ct);
        return new SealedHead(null, (walk.LastSeq, Convert.ToHexStringLower(walk.LastHash), prefixes.ToString()));
    }

    private static void AppendPrefix(StringBuilder prefixes, ReadOnlySpan<byte> hash)
    {
        Span<char> hex = stackalloc char[SignedCheckpoint.PrefixHexLength];
        Convert.TryToHexStringLower(hash[..(SignedCheckpoint.PrefixHexLength / 2)], hex, out _);
        prefixes.Append(hex);
    }

    private static SealedHead Refuse(AuditDamage damage) => new(new AuditCheckpointResult(
        AuditCheckpointStatus.Refused, $"No checkpoint signed: {damage.Description}", Damage: damage), null);

    private static SealedHead UpToDate(SignedCheckpoint latest, string message) =>
        new(new AuditCheckpointResult(AuditCheckpointStatus.UpToDate, message, latest, latest.Source), null);

    private async Task<AuditCheckpointResult> ReportAsync(AuditCheckpointResult result, CancellationToken ct)
    {
        switch (result.Status)
        {
            case AuditCheckpointStatus.Written:
                Log.CheckpointWritten(logger, result.Checkpoint!.Seq, result.Checkpoint.HeadHash, result.Path!);
                await NotifyAsync(l => l.CheckpointWrittenAsync(result.Checkpoint, result.Path!, ct));
                break;
            case AuditCheckpointStatus.Refused:
                Log.CheckpointRefused(logger, result.Damage!.Seq, result.Damage.Kind, result.Damage.Description);
                await NotifyAsync(l => l.CheckpointRefusedAsync(result.Damage, ct));
                break;
            default:
                Log.CheckpointSkipped(logger, result.Message);
                break;
        }
        return result;
    }

    private async Task NotifyAsync(Func<IAuditCheckpointListener, Task> notify)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await notify(listener);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ListenerFailed(logger, listener.GetType().Name, e);
            }
        }
    }
}
