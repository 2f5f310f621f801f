using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Policy;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Workflows.Alerts;

/// <summary>Verifies the audit chain up to its head and alerts once per first broken row.</summary>
public sealed class AuditChainAlertJob(
    NpgsqlDataSource dataSource,
    IEnumerable<IAuditChainCheck> chainChecks,
    AlertDispatcher dispatcher,
    IPolicyProvider policies,
    TimeProvider time,
    IOptions<AlertOptions> options,
    ILogger<AuditChainAlertJob> logger)
{
    /// <summary>True when the chain was found broken (whether or not this run was the first to alert).</summary>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 1800)]
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        if (!options.Value.AuditChainBroken) return false;
        if (chainChecks.FirstOrDefault() is not { } check)
        {
            Log.NoChainCheck(logger);
            return false;
        }
        await using var command = dataSource.CreateCommand("select max(seq) from audit_events");
        if (await command.ExecuteScalarAsync(ct) is not long head) return false;

        var result = await check.VerifyUpToAsync(head, ct);
        if (result.Intact) return false;
        var broken = result.FirstBrokenSeq ?? head;
        await dispatcher.FireAsync(new Alert(
            AlertRules.AuditChainBroken, $"seq:{broken}", null, null, null, null, null, time.GetUtcNow(),
            new AlertFacts { HeadSeq = head, BrokenSeq = broken, VerifierMessage = result.Message }, null), policies.Current, ct);
        return true;
    }
}
