using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>
/// What every transition needs: the database, the policy in force, the audit log and the outbox. Shared by the command
/// service and the jobs so both run transitions the same way.
/// </summary>
public sealed class EngineServices(
    NpgsqlDataSource dataSource,
    IPolicyProvider policies,
    IAuditLog audit,
    OutboxWriter outbox,
    ILogger<EngineServices> logger)
{
    /// <summary>How often a transition re-reads and re-evaluates after losing an optimistic-concurrency race.</summary>
    internal const int MaxAttempts = 200;

    internal NpgsqlDataSource DataSource { get; } = dataSource;

    internal IPolicyProvider Policies { get; } = policies;

    internal IAuditLog Audit { get; } = audit;

    internal OutboxWriter Outbox { get; } = outbox;

    internal ILogger Logger { get; } = logger;

    internal PendingRequestCache PendingRequests { get; } = new();

    internal RequestIdAllocator RequestIds { get; } = new(dataSource);

    internal Announcer Announce(RequestTransaction tx, AccessPolicy policy) => new(tx, policy);

    internal Task<RequestTransaction> BeginAsync(CancellationToken ct) => RequestTransaction.BeginAsync(DataSource, Audit, PendingRequests, ct);

    internal Task<RequestRecord?> LoadAsync(RequestId id, CancellationToken ct) => RequestReader.LoadAsync(DataSource, id, ct);

    internal static Task AuditAsync(RequestTransaction tx, AuditRecord record, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        tx.Audit(record);
        return Task.CompletedTask;
    }
}
