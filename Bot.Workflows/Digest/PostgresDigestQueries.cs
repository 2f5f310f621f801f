using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Workflows.Digest;

/// <summary>Runs all digest queries in one batch on one connection, in a repeatable-read snapshot so the figures agree.</summary>
public sealed class PostgresDigestQueries(
    NpgsqlDataSource dataSource,
    TimeProvider time,
    IOptions<DigestOptions> options,
    IEnumerable<IAuditChainCheck> chainChecks) : IDigestQueries
{
    private readonly IAuditChainCheck? _chainCheck = chainChecks.FirstOrDefault();

    public async Task<WeeklyDigest> BuildAsync(DigestPeriod period, AccessPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(policy);
        var settings = options.Value;
        var asOf = time.GetUtcNow().ToUniversalTime();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        string[] sql =
        [
            DigestSql.Outcomes, DigestSql.Resources, DigestSql.TopRequesters, DigestSql.Approvers, DigestSql.FirstDecision,
            DigestSql.AuditCounts, DigestSql.TimedOut, DigestSql.Denials, DigestSql.SelfApprovals, DigestSql.OffHoursGrants,
            DigestSql.SensitiveFastPath, DigestSql.LongestGrants, DigestSql.ActiveGrants, DigestSql.OverdueGrants,
            DigestSql.ReconcileRevocations, DigestSql.PrincipalsWithLastDecision, DigestSql.LastSeq,
        ];
        foreach (var text in sql) batch.BatchCommands.Add(Command(text, period, policy, asOf, settings));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var outcomes = await ReadAllAsync(reader, r => new OutcomeCount(r.GetString(0), r.GetInt32(1)), ct);
        var resources = await NextAllAsync(reader, r => new ResourceLine(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)), ct);
        var requesters = await NextAllAsync(reader, r => new PersonCount(r.GetString(0), r.GetString(1), r.GetInt32(2)), ct);
        var approvers = await NextAllAsync(reader, r => new ApproverLine(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)), ct);
        var latency = (await NextAllAsync(reader, r => new DecisionLatency(
            r.GetInt32(0), r.IsDBNull(1) ? null : r.GetTimeSpan(1), r.IsDBNull(2) ? null : r.GetTimeSpan(2)), ct)).Single();
        var (escalations, notAnApprover) = (await NextAllAsync(reader, r => (r.GetInt32(0), r.GetInt32(1)), ct)).Single();
        var timedOut = await NextListAsync(reader, ct);
        var denials = await NextListAsync(reader, ct);
        var selfApprovals = await NextListAsync(reader, ct);
        var offHours = await NextListAsync(reader, ct);
        var sensitive = await NextListAsync(reader, ct);
        var longest = await NextListAsync(reader, ct);
        var active = await NextListAsync(reader, ct);
        var overdue = (await NextAllAsync(reader, r => r.GetInt32(0), ct)).Single();
        var reconcile = await NextListAsync(reader, ct);
        var principals = await NextAllAsync(reader, ReadPrincipal, ct);
        var lastSeq = (await NextAllAsync(reader, r => (long?)r.GetInt64(0), ct)).SingleOrDefault();
        await reader.DisposeAsync();
        await transaction.CommitAsync(ct);

        var chain = await CheckChainAsync(lastSeq, ct);
        return new WeeklyDigest(
            period, asOf, new RequestSummary(outcomes.Sum(o => o.Count), outcomes), resources, requesters, approvers, latency,
            escalations, timedOut, denials, selfApprovals, notAnApprover, offHours, sensitive, longest, active, overdue, reconcile,
            DormantApprovers.Find(policy, principals), chain);
    }

    private async Task<AuditChainSummary> CheckChainAsync(long? lastSeq, CancellationToken ct)
    {
        if (lastSeq is not { } seq) return new AuditChainSummary(AuditChainStatus.NotChecked, null, "no audit events yet");
        if (_chainCheck is null) return new AuditChainSummary(AuditChainStatus.NotChecked, seq, "no chain verifier is configured");
        var result = await _chainCheck.VerifyUpToAsync(seq, ct);
        return new AuditChainSummary(result.Intact ? AuditChainStatus.Intact : AuditChainStatus.Broken, seq, result.Message);
    }

    private static NpgsqlBatchCommand Command(
        string sql, DigestPeriod period, AccessPolicy policy, DateTimeOffset asOf, DigestOptions settings)
    {
        var hours = policy.BusinessHours;
        var command = new NpgsqlBatchCommand(sql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<DateTimeOffset>("start", NpgsqlDbType.TimestampTz) { TypedValue = period.Start.ToUniversalTime() });
        p.Add(new NpgsqlParameter<DateTimeOffset>("end", NpgsqlDbType.TimestampTz) { TypedValue = period.End.ToUniversalTime() });
        p.Add(new NpgsqlParameter<DateTimeOffset>("as_of", NpgsqlDbType.TimestampTz) { TypedValue = asOf });
        p.Add(new NpgsqlParameter<DateTimeOffset>("dormant_since", NpgsqlDbType.TimestampTz)
        {
            TypedValue = period.End.ToUniversalTime().AddDays(-settings.DormantAfterDays),
        });
        p.Add(new NpgsqlParameter<int>("top", NpgsqlDbType.Integer) { TypedValue = settings.TopCount });
        p.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = settings.ListLimit });
        p.Add(new NpgsqlParameter<string>("bh_zone", NpgsqlDbType.Text) { TypedValue = hours.TimeZone });
        p.Add(new NpgsqlParameter<int[]>("bh_days", NpgsqlDbType.Array | NpgsqlDbType.Integer)
        {
            TypedValue = [.. hours.Days.Select(d => d == DayOfWeek.Sunday ? 7 : (int)d)],
        });
        p.Add(new NpgsqlParameter<TimeOnly>("bh_from", NpgsqlDbType.Time) { TypedValue = hours.Start });
        p.Add(new NpgsqlParameter<TimeOnly>("bh_to", NpgsqlDbType.Time) { TypedValue = hours.End });
        p.Add(new NpgsqlParameter<string[]>("sensitive", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            TypedValue = [.. policy.Resources.Values.Where(r => r.Sensitivity >= settings.SensitiveFrom).Select(r => r.Name)],
        });
        return command;
    }

    private static (Principal Principal, DateTimeOffset? LastAt, bool Recent) ReadPrincipal(NpgsqlDataReader r) =>
        (new Principal(
            new PrincipalId(r.GetGuid(2)), r.GetString(3), r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)),
         r.IsDBNull(0) ? null : r.GetFieldValue<DateTimeOffset>(0),
         r.GetBoolean(1));

    private static async Task<DigestList> NextListAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var total = 0;
        var items = await NextAllAsync(reader, r =>
        {
            total = r.GetInt32(8);
            return new DigestItem(
                r.IsDBNull(0) ? null : r.GetInt64(0),
                r.IsDBNull(1) ? null : r.GetString(1),
                r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3),
                r.GetFieldValue<DateTimeOffset>(4),
                r.IsDBNull(5) ? null : r.GetTimeSpan(5),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7));
        }, ct);
        return new DigestList(total, items);
    }

    private static async Task<List<T>> NextAllAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        if (!await reader.NextResultAsync(ct))
            throw new InvalidOperationException("The digest batch returned fewer result sets than queries.");
        return await ReadAllAsync(reader, read, ct);
    }

    private static async Task<List<T>> ReadAllAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
