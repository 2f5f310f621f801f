using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>Read side on PostgreSQL. Snapshots are read in one statement each, so they are internally consistent.</summary>
public sealed class AccessRequestQueries(NpgsqlDataSource dataSource, IPolicyProvider policies) : IAccessRequestQueries
{
    /// <summary>Upper bound on pending requests examined for one approver's list.</summary>
    private const int PendingScanLimit = 500;

    public async Task<RequestSnapshot?> GetAsync(RequestId id, CancellationToken ct) =>
        (await RequestReader.LoadAsync(dataSource, id, ct))?.ToSnapshot(policies.Current);

    public async Task<IReadOnlyList<RequestSnapshot>> ListAsync(RequestFilter filter, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new List<NpgsqlParameter>
        {
            new NpgsqlParameter<string?>("state", NpgsqlDbType.Text) { TypedValue = filter.State?.ToDb() },
            new NpgsqlParameter<Guid?>("requester", NpgsqlDbType.Uuid) { TypedValue = filter.Requester?.Value },
            new NpgsqlParameter<string?>("resource", NpgsqlDbType.Text) { TypedValue = filter.Resource },
        };
        const string where =
            "(@state is null or r.state = @state) and (@requester is null or r.requester_id = @requester) " +
            "and (@resource is null or r.resource = @resource)";
        var policy = policies.Current;
        var records = await RequestReader.ListAsync(dataSource, where, parameters, Math.Clamp(limit, 1, 1000), ct);
        return [.. records.Select(r => r.ToSnapshot(policy))];
    }

    public async Task<IReadOnlyList<RequestSnapshot>> PendingForApproverAsync(Principal approver, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var policy = policies.Current;
        var records = await RequestReader.ListAsync(dataSource, "r.state = 'pending'", [], PendingScanLimit, ct);
        return
        [
            .. records
                .Where(r => policy.FindResource(r.Resource) is { } resource && RequestRules.CheckApprover(policy, resource, r, approver) is null)
                .Select(r => r.ToSnapshot(policy)),
        ];
    }

    public async Task<IReadOnlyList<AuditEvent>> AuditTrailAsync(RequestId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            select seq, at, actor, platform, action, request_id, resource, details::text, permalink, prev_hash, hash
            from audit_events where request_id = @id order by seq
            """, connection);
        command.Parameters.AddWithValue("id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new AuditEvent(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                JsonNode.Parse(reader.GetString(7)) as JsonObject ?? [],
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<byte[]>(9),
                reader.GetFieldValue<byte[]>(10)));
        }
        return events;
    }
}
