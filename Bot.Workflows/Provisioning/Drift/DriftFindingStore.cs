using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using Npgsql;

namespace AccessBot.Workflows.Provisioning.Drift;

/// <summary>An open drift finding: shadow access seen and not yet gone.</summary>
public sealed record DriftFinding(long Id, string Resource, string Subject, string? Email, DateTimeOffset DetectedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// The <c>drift_findings</c> table. Every change of a finding and its audit event commit in one transaction, so a
/// finding is audited exactly once when it opens, when it is revoked and when it closes.
/// </summary>
public sealed class DriftFindingStore(NpgsqlDataSource dataSource, IAuditLog audit)
{
    public static readonly Actor DriftActor = Actor.System("drift");

    public async Task<IReadOnlyList<DriftFinding>> OpenAsync(string? resource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select id, resource, subject, email, detected_at, revoked_at from drift_findings
            where resolved_at is null and ($1::text is null or resource = $1) order by id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)resource ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<DriftFinding>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new DriftFinding(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return list;
    }

    /// <summary>Opens a finding and audits <c>drift.detected</c>; false when one is already open for (resource, subject).</summary>
    public async Task<bool> TryOpenAsync(string resource, ProvisionedAccess holder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(holder);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            insert into drift_findings (resource, subject, email) values ($1, $2, $3)
            on conflict (resource, subject) where resolved_at is null do nothing returning id
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resource });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)holder.Email ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        if (await command.ExecuteScalarAsync(ct) is not long id) return false;
        await audit.AppendAsync(tx, new AuditRecord(DriftActor, "drift.detected", null, resource, Details(id, resource, holder.Subject, holder.Email)), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Records that the shadow access was revoked in the target (<c>drift.revoked</c>); the finding closes once the target agrees.</summary>
    public Task<bool> MarkRevokedAsync(DriftFinding finding, string detail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var details = Details(finding.Id, finding.Resource, finding.Subject, finding.Email);
        details["detail"] = detail;
        return UpdateAsync(finding, "revoked_at = now()", "drift.revoked", details, ct);
    }

    /// <summary>Closes a finding whose access is gone (<c>drift.resolved</c>).</summary>
    public Task<bool> ResolveAsync(DriftFinding finding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var details = Details(finding.Id, finding.Resource, finding.Subject, finding.Email);
        details["revoked_by_bot"] = finding.RevokedAt is not null;
        return UpdateAsync(finding, "resolved_at = now()", "drift.resolved", details, ct);
    }

    /// <summary>Notes that the listed open findings were seen again (no audit: nothing changed).</summary>
    public async Task TouchAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        await using var command = dataSource.CreateCommand("update drift_findings set last_seen_at = now() where id = any($1) and resolved_at is null");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. ids] });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<bool> UpdateAsync(DriftFinding finding, string assignment, string action, JsonObject details, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The assignment is one of this class's constants, never user text.
        await using var command = new NpgsqlCommand($"update drift_findings set {assignment} where id = $1 and resolved_at is null", connection, tx);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = finding.Id });
        if (await command.ExecuteNonQueryAsync(ct) != 1) return false;
        await audit.AppendAsync(tx, new AuditRecord(DriftActor, action, null, finding.Resource, details), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static JsonObject Details(long id, string resource, string subject, string? email) => new()
    {
        ["finding"] = id,
        ["resource"] = resource,
        ["subject"] = subject,
        ["email"] = email,
        ["attributed"] = email is not null,
    };
}
