using AccessBot.Workflows.AccessRequests;
using Npgsql;

namespace AccessBot.Workflows.Provisioning.Drift;

/// <summary>A grant the engine believes is in force: not revoked and its request active.</summary>
public sealed record EngineGrant(RequestId RequestId, string Email, DateTimeOffset ExpiresAt);

/// <summary>
/// A request whose access may legitimately be in the target without an active grant for a short while: approved and
/// being provisioned (or waiting for a person to grant it by hand), or ended and waiting for the target clean-up.
/// </summary>
public sealed record InFlightRequest(RequestId RequestId, string Email, string Why);

/// <summary>Reads the engine's active grants of one resource.</summary>
public static class EngineGrants
{
    public static async Task<IReadOnlyList<EngineGrant>> ActiveAsync(NpgsqlDataSource dataSource, string resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            """
            select g.request_id, p.email, g.expires_at
            from grants g
            join access_requests r on r.id = g.request_id
            join principals p on p.id = g.principal_id
            where g.revoked_at is null and r.state = 'active' and g.resource = $1
            order by g.expires_at desc, g.request_id desc
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resource });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var grants = new List<EngineGrant>();
        while (await reader.ReadAsync(ct))
            grants.Add(new EngineGrant(new RequestId(reader.GetInt64(0)), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        return grants;
    }

    /// <summary>Requests of the resource between "approved" and "active", or between "ended" and "cleaned up in the target".</summary>
    public static async Task<IReadOnlyList<InFlightRequest>> InFlightAsync(NpgsqlDataSource dataSource, string resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            """
            select r.id, p.email, 'being provisioned' from access_requests r join principals p on p.id = r.requester_id
            where r.resource = $1 and r.state = 'approved'
            union all
            select g.request_id, p.email, 'ended, target clean-up pending' from grants g join principals p on p.id = g.principal_id
            where g.resource = $1 and g.revoked_at is not null and g.deprovisioned_at is null
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resource });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<InFlightRequest>();
        while (await reader.ReadAsync(ct)) list.Add(new InFlightRequest(new RequestId(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2)));
        return list;
    }
}
