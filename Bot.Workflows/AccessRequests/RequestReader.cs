using System.Globalization;
using System.Text.Json;
using AccessBot.Workflows.Identity;
using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>Reads requests with their approvals in one statement, so a record is always one consistent snapshot.</summary>
internal static class RequestReader
{
    private const string Columns =
        """
        select r.id, r.resource, r.requested_duration, r.reason, r.state, r.current_step, r.total_steps, r.step_started_at,
               r.break_glass, r.auto_approved, r.policy_version, r.origin_platform, r.origin_channel, r.origin_permalink,
               r.extends_request_id, r.created_at, r.decided_at, r.granted_at, r.expires_at, r.closed_reason, r.version,
               r.escalated_step, r.awaiting_human_since,
               p.id, p.email, p.display_name, p.slack_user_id, p.teams_aad_object_id,
               coalesce((select json_agg(json_build_object(
                          'step', a.step, 'id', ap.id, 'email', ap.email, 'name', ap.display_name,
                          'u1', ap.slack_user_id, 'u2', ap.teams_aad_object_id, 'decision', a.decision,
                          'comment', a.comment, 'platform', a.platform, 'permalink', a.permalink, 'at', a.at) order by a.id)
                         from approvals a join principals ap on ap.id = a.approver_id
                         where a.request_id = r.id), '[]')::text
        """;

    private const string From = " from access_requests r join principals p on p.id = r.requester_id";

    private const string Select = Columns + From;

    // One column after the record's: by the database clock, what the grant has left (zero once due; null without a grant).
    private const string SelectWithTimeLeft = Columns + ", greatest(r.expires_at - now(), interval '0')" + From;

    public static async Task<RequestRecord?> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, RequestId id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Select + " where r.id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Map(reader) : null;
    }

    /// <summary>How many columns a read returns.</summary>
    public const int FieldCount = 29;

    /// <summary>The same read as a batch command, for callers that send it with other statements in one round trip.</summary>
    public static NpgsqlBatchCommand LoadCommand(RequestId id) =>
        new(Select + " where r.id = $1") { Parameters = { new NpgsqlParameter<long> { TypedValue = id.Value } } };

    /// <summary><see cref="LoadCommand"/> with the grant's time left, read by <see cref="TimeLeft"/> after <see cref="ReadAsync"/>.</summary>
    public static NpgsqlBatchCommand LoadWithTimeLeftCommand(RequestId id) =>
        new(SelectWithTimeLeft + " where r.id = $1") { Parameters = { new NpgsqlParameter<long> { TypedValue = id.Value } } };

    /// <summary>The time left of the row <see cref="ReadAsync"/> just read from a <see cref="LoadWithTimeLeftCommand"/>.</summary>
    public static TimeSpan? TimeLeft(NpgsqlDataReader reader) =>
        reader.IsDBNull(FieldCount) ? null : reader.GetFieldValue<TimeSpan>(FieldCount);

    /// <summary>Reads the current result set of a reader positioned on a <see cref="LoadCommand"/> result.</summary>
    public static async Task<RequestRecord?> ReadAsync(NpgsqlDataReader reader, CancellationToken ct) =>
        await reader.ReadAsync(ct) ? Map(reader) : null;

    public static async Task<RequestRecord?> LoadAsync(NpgsqlDataSource dataSource, RequestId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await LoadAsync(connection, null, id, ct);
    }

    /// <param name="where">A constant SQL condition over <c>r</c> (never user text); values go in <paramref name="parameters"/>.</param>
    public static async Task<IReadOnlyList<RequestRecord>> ListAsync(
        NpgsqlDataSource dataSource, string where, IReadOnlyList<NpgsqlParameter> parameters, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"{Select} where {where} order by r.id desc limit @limit", connection);
        foreach (var parameter in parameters) command.Parameters.Add(parameter);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<RequestRecord>();
        while (await reader.ReadAsync(ct)) list.Add(Map(reader));
        return list;
    }

    private static RequestRecord Map(NpgsqlDataReader r)
    {
        var requester = new Principal(
            new PrincipalId(r.GetGuid(23)), r.GetString(24), r.GetString(25), NullableString(r, 26), NullableString(r, 27));
        return new RequestRecord(
            new RequestId(r.GetInt64(0)),
            requester,
            r.GetString(1),
            r.GetFieldValue<TimeSpan>(2),
            r.GetString(3),
            RequestStates.FromDb(r.GetString(4)),
            r.GetInt32(5),
            r.GetInt32(6),
            NullableTime(r, 7),
            r.GetBoolean(8),
            r.GetBoolean(9),
            r.GetString(10),
            new RequestOrigin(r.GetString(11), NullableString(r, 12), NullableString(r, 13)),
            r.IsDBNull(14) ? null : new RequestId(r.GetInt64(14)),
            r.GetFieldValue<DateTimeOffset>(15),
            NullableTime(r, 16),
            NullableTime(r, 17),
            NullableTime(r, 18),
            NullableString(r, 19),
            r.GetInt64(20),
            r.IsDBNull(21) ? null : r.GetInt32(21),
            NullableTime(r, 22),
            ParseApprovals(r.GetString(28)));
    }

    private static List<ApprovalRecord> ParseApprovals(string json)
    {
        using var document = JsonDocument.Parse(json);
        var list = new List<ApprovalRecord>();
        foreach (var a in document.RootElement.EnumerateArray())
        {
            var approver = new Principal(
                new PrincipalId(a.GetProperty("id").GetGuid()), a.GetProperty("email").GetString()!, a.GetProperty("name").GetString()!,
                a.GetProperty("u1").GetString(), a.GetProperty("u2").GetString());
            list.Add(new ApprovalRecord(
                a.GetProperty("step").GetInt32(),
                approver,
                a.GetProperty("decision").GetString() == "approve",
                a.GetProperty("comment").GetString(),
                a.GetProperty("platform").GetString()!,
                a.GetProperty("permalink").GetString(),
                DateTimeOffset.Parse(a.GetProperty("at").GetString()!, CultureInfo.InvariantCulture)));
        }
        return list;
    }

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
