using AccessBot.Workflows.Digest;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Workflows.Audit;

/// <summary>
/// The digest's and the chain alert's view of <see cref="AuditVerifier"/>: rows 1..seq, checked against the signed
/// checkpoints in the configured folder with the configured public key.
/// </summary>
public sealed class AuditVerifierChainCheck(NpgsqlDataSource dataSource, AuditVerifier verifier, IOptions<AuditOptions> options)
    : IAuditChainCheck
{
    public async Task<AuditChainCheckResult> VerifyUpToAsync(long seq, CancellationToken ct)
    {
        var settings = options.Value;
        var (checkpoints, unreadable) = Directory.Exists(settings.CheckpointFolder)
            ? await new AuditCheckpointStore(settings.CheckpointFolder).ReadAllAsync(ct)
            : ([], []);
        var keyPath = settings.ResolvedPublicKeyPath;
        using var publicKey = File.Exists(keyPath) ? AuditPublicKey.Load(keyPath) : null;
        var result = await verifier.VerifyUpToAsync(dataSource, seq, checkpoints, publicKey, ct);
        if (result.FirstDamage is { } damage)
            return new AuditChainCheckResult(false, damage.Seq, $"damage at event #{damage.Seq}: {damage.Kind}");
        var rejected = result.RejectedCheckpoints.Count + unreadable.Count;
        if (rejected > 0)
            return new AuditChainCheckResult(false, null, $"{rejected} checkpoint file(s) unreadable or failing their signature check");
        return new AuditChainCheckResult(true, null,
            $"intact: {result.EventsChecked} events, {result.CheckpointsMatched} signed checkpoint(s) matched");
    }
}
