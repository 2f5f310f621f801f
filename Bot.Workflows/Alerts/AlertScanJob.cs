using System.Text.Json.Nodes;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Policy;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Workflows.Alerts;

/// <summary>
/// Reads the audit log past a stored cursor and fires the alerts each event calls for. It depends on nothing but the audit
/// log, so it sees every path that changes state. Re-reading an event is harmless (alerts fire once per cause), so the
/// cursor moves once per batch.
/// </summary>
public sealed class AlertScanJob(
    NpgsqlDataSource dataSource,
    AlertEvaluator evaluator,
    AlertDispatcher dispatcher,
    IPolicyProvider policies,
    IOptions<AlertOptions> options)
{
    public const string CursorName = "audit";

    /// <summary>Scans until the head of the log; returns how many alerts fired.</summary>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var policy = policies.Current;
        var batchSize = options.Value.BatchSize;
        var fired = 0;
        while (true)
        {
            var events = await ReadBatchAsync(await CursorAsync(ct), batchSize, ct);
            if (events.Count == 0) return fired;
            foreach (var e in events)
            {
                if (e.Action.StartsWith("alert.", StringComparison.Ordinal)) continue;
                foreach (var alert in await evaluator.EvaluateAsync(e, policy, ct))
                    if (await dispatcher.FireAsync(alert, policy, ct)) fired++;
            }
            await MoveCursorAsync(events[^1].Seq, ct);
            if (events.Count < batchSize) return fired;
        }
    }

    private async Task<long> CursorAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select last_seq from alert_cursor where name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CursorName });
        return await command.ExecuteScalarAsync(ct) is long seq ? seq : 0;
    }

    private async Task MoveCursorAsync(long seq, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into alert_cursor (name, last_seq) values ($1, $2)
            on conflict (name) do update set last_seq = greatest(alert_cursor.last_seq, excluded.last_seq), moved_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CursorName });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<List<AuditEvent>> ReadBatchAsync(long after, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select seq, at, actor, platform, action, request_id, resource, details::text, permalink, prev_hash, hash
            from audit_events where seq > $1 order by seq limit $2
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new AuditEvent(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                JsonNode.Parse(reader.GetString(7)) as JsonObject ?? [], reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<byte[]>(9), reader.GetFieldValue<byte[]>(10)));
        }
        return events;
    }
}
