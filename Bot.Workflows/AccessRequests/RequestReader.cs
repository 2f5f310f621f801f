using System.Globalization;
using System.Text.Json;
using AccessBot.Workflows.Identity;
using Npgsql;

namespace AccessBot.Workflows.AccessRequests;

/// <summary>Reads requests with their approvals in one statement, so a record is always one consistent snapshot.</summary>
internal static class RequestReader
{
    // After the request's own columns (RequestColumns): the requester, then the approvals as JSON.
    private const string RequesterAndApprovals =
        """
        p.id, p.email, p.display_name, p.slack_user_id, p.teams_aad_object_id,
               coalesce((select json_agg(json_build_object(
                          'step', a.step, 'id', ap.id, 'email', ap.email, 'name', ap.display_name,
                          'u1', ap.slack_user_id, 'u2', ap.teams_aad_object_id, 'decision', a.decision,
                          'comment', a.comment, 'platform', a.platform, 'permalink', a.permalink, 'at', a.at) order by a.id)
                         from approvals a join principals ap on ap.id = a.approver_id
                         where a.request_id = r.id), '[]')::text
        """;

    private static readonly string OwnColumns =
        "select " + string.Join(", ", RequestColumns.Split(',', StringSplitOptions.TrimEntries).Select(c => "r." + c));

    private static readonly string Columns = OwnColumns + ", " + RequesterAndApprovals;

    // The same columns with the approvals left out: their subquery is the costliest part of the read.
    private static readonly string ColumnsWithoutApprovals =
        OwnColumns + ", p.id, p.email, p.display_name, p.slack_user_id, p.teams_aad_object_id, null::text";

    private const string From = " from access_requests r join principals p on p.id = r.requester_id";

    /// <summary>
    /// The request's own columns, in the order the read returns them first: an INSERT or UPDATE of <c>access_requests</c>
    /// can return them (<c>returning …</c>) for <see cref="MapRequest"/>.
    /// </summary>
    public const string RequestColumns =
        """
        id, resource, requested_duration, reason, state, current_step, total_steps, step_started_at,
        break_glass, auto_approved, policy_version, origin_platform, origin_channel, origin_permalink,
        extends_request_id, created_at, decided_at, granted_at, expires_at, closed_reason, version,
        escalated_step, awaiting_human_since
        """;

    private static readonly string Select = Columns + From;

    public static async Task<RequestRecord?> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, RequestId id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Select + " where r.id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Map(reader) : null;
    }

    /// <summary>How many columns <see cref="RequestColumns"/> names.</summary>
    public static readonly int RequestColumnCount = RequestColumns.Split(',').Length;

    /// <summary>How many columns a read returns: the request's own, the requester's five, the approvals.</summary>
    public static readonly int FieldCount = RequestColumnCount + 6;

    /// <summary>The same read as a batch command, for callers that send it with other statements in one round trip.</summary>
    public static NpgsqlBatchCommand LoadCommand(RequestId id) => LoadCommand(id, null, "", "");

    /// <summary>
    /// The read with more work in the same statement: a <c>WITH</c> clause (<paramref name="with"/>, which may refer to the
    /// id as <c>$1</c>), columns after the record's (<paramref name="moreColumns"/>, from column <see cref="FieldCount"/> on)
    /// and joins (<paramref name="moreFrom"/>). All three are constant SQL written by the engine, never user text. The
    /// record's columns see the request as it was when the statement started, whatever the <c>WITH</c> clause changes.
    /// </summary>
    /// <param name="approvals">False to leave the approvals out (see <see cref="RequestRecord.ApprovalsRead"/>).</param>
    public static NpgsqlBatchCommand LoadCommand(
        RequestId id, string? with, string moreColumns, string moreFrom, bool approvals = true) =>
        new($"{(with is null ? "" : $"with {with} ")}{(approvals ? Columns : ColumnsWithoutApprovals)}{moreColumns}{From}{moreFrom} where r.id = $1")
        {
            Parameters = { new NpgsqlParameter<long> { TypedValue = id.Value } },
        };

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
        var at = RequestColumnCount;
        var requester = new Principal(
            new PrincipalId(r.GetGuid(at)), r.GetString(at + 1), r.GetString(at + 2), NullableString(r, at + 3), NullableString(r, at + 4));
        return r.IsDBNull(at + 5)
            ? MapRequest(r, requester, []) with { ApprovalsRead = false }
            : MapRequest(r, requester, ParseApprovals(r.GetString(at + 5)));
    }

    /// <summary>A row whose first columns are <see cref="RequestColumns"/>, with the requester and approvals known otherwise.</summary>
    public static RequestRecord MapRequest(NpgsqlDataReader r, Principal requester, IReadOnlyList<ApprovalRecord> approvals) =>
        new(
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
            approvals);

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
