using System.Text.Json;
using System.Text.Json.Nodes;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using Npgsql;
using NpgsqlTypes;

namespace AccessBot.Workflows.Outbox;

/// <summary>
/// Writes outbox rows inside the caller's transaction and signals <see cref="Channel"/> (delivered by PostgreSQL at commit,
/// never for a rolled-back transaction), so the work exists if and only if the state change that caused it committed.
/// </summary>
public sealed class OutboxWriter
{
    /// <summary>The LISTEN/NOTIFY channel the dispatcher wakes on.</summary>
    public const string Channel = "accessbot_outbox";

    /// <summary>Returns the new row's id.</summary>
    public async Task<long> WriteAsync(NpgsqlTransaction transaction, OutboxItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(item);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has completed.");
        await using var batch = new NpgsqlBatch(connection, transaction);
        AddTo(batch, [item]);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetInt64(0);
    }

    /// <summary>
    /// Adds one statement to a caller's batch that stores all items, signals the dispatcher once and returns the new row
    /// ids; nothing when the list is empty. Items for the same request share one <see cref="OutboxKinds.Batch"/> row (see
    /// <see cref="OutboxBatching"/>); the rows follow the order in which each request first appears.
    /// </summary>
    public static void AddTo(NpgsqlBatch batch, IReadOnlyList<OutboxItem> items)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) return;
        items = OutboxBatching.Pack(items);
        batch.BatchCommands.Add(items.Count == 1 ? SingleRow(items[0]) : Rows(items));
    }

    // The wake-up is a materialised CTE (it calls a volatile function) joined to every row, so it runs exactly once.
    private const string WakeCte = $"wake as (select pg_notify('{Channel}', ''))";

    private const string SingleRowInsert =
        """
        insert into outbox (kind, request_id, payload, run_at)
        select $1, $2, $3, case when $4::interval is not null then now() + $4 else $5 end
        from wake
        """;

    private const string SingleRowSql = $"with {WakeCte} {SingleRowInsert} returning id";

    /// <summary>
    /// Folds the items into <paramref name="statement"/>, a <c>WITH</c> statement of the caller's, as two more CTEs, when
    /// they pack into one row; false (and the statement untouched) otherwise. Data-modifying CTEs always run, so the row
    /// is written exactly when the statement runs, and it shares that statement's fate: an error in it leaves no row.
    /// Saves the batch a statement of its own. The statement must use named parameters (<c>@name</c>); these are
    /// <c>@outbox_1</c> to <c>@outbox_5</c>.
    /// </summary>
    public static bool TryFoldInto(NpgsqlBatchCommand statement, IReadOnlyList<OutboxItem> items)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(items);
        if (!statement.CommandText.StartsWith("with ", StringComparison.Ordinal) || items.Count == 0) return false;
        var packed = OutboxBatching.Pack(items);
        if (packed.Count != 1) return false;
        var row = SingleRow(packed[0]);
        var insert = SingleRowInsert;
        for (var i = row.Parameters.Count; i >= 1; i--)
        {
            insert = insert.Replace($"${i}", $"@outbox_{i}", StringComparison.Ordinal);
            var parameter = row.Parameters[i - 1];
            row.Parameters.RemoveAt(i - 1);
            parameter.ParameterName = $"outbox_{i}";
            statement.Parameters.Add(parameter);
        }
        statement.CommandText = $"with {WakeCte}, queued as ({insert}), {statement.CommandText["with ".Length..]}";
        return true;
    }

    private const string RowsSql =
        $"""
        with wake as (select pg_notify('{Channel}', ''))
        insert into outbox (kind, request_id, payload, run_at)
        select u.kind, u.request_id, u.payload, case when u.delay is not null then now() + u.delay else u.run_at end
        from unnest($1::text[], $2::bigint[], $3::jsonb[], $4::interval[], $5::timestamptz[])
             with ordinality as u(kind, request_id, payload, delay, run_at, n)
        cross join wake
        order by u.n
        returning id
        """;

    // A transition usually writes one row once its items are packed, and a plain INSERT … SELECT costs the server less to
    // start and run than unnesting five arrays.
    private static NpgsqlBatchCommand SingleRow(OutboxItem item) => new(SingleRowSql)
    {
        Parameters =
        {
            new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = item.Kind },
            new NpgsqlParameter<long?> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = item.RequestId?.Value },
            new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = (item.Payload ?? []).ToJsonString() },
            new NpgsqlParameter<TimeSpan?> { NpgsqlDbType = NpgsqlDbType.Interval, TypedValue = item.Delay },
            new NpgsqlParameter<DateTimeOffset?> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = item.RunAt },
        },
    };

    private static NpgsqlBatchCommand Rows(IReadOnlyList<OutboxItem> items) => new(RowsSql)
    {
        Parameters =
        {
            new NpgsqlParameter<string[]> { TypedValue = [.. items.Select(i => i.Kind)] },
            new NpgsqlParameter<long?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = [.. items.Select(i => i.RequestId?.Value)] },
            new NpgsqlParameter<string[]>
            {
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, TypedValue = [.. items.Select(i => (i.Payload ?? []).ToJsonString())],
            },
            new NpgsqlParameter<TimeSpan?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Interval, TypedValue = [.. items.Select(i => i.Delay)] },
            new NpgsqlParameter<DateTimeOffset?[]>
            {
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, TypedValue = [.. items.Select(i => i.RunAt)],
            },
        },
    };

    /// <summary>Writes one row in a transaction of its own, for follow-up work that no state change carries.</summary>
    public async Task<long> WriteOutsideAsync(NpgsqlDataSource dataSource, OutboxItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await WriteAsync(transaction, item, ct);
        await transaction.CommitAsync(ct);
        return id;
    }

    /// <summary>A chat notification for the audience; the delivery job re-reads the request when it runs.</summary>
    public Task<long> NotifyAsync(
        NpgsqlTransaction transaction, RequestId? requestId, NotificationKind kind, NotificationAudience audience, Notice? notice,
        CancellationToken ct) =>
        WriteAsync(transaction, NotifyItem(requestId, kind, audience, notice), ct);

    /// <summary>The outbox item that delivers a chat notification to the audience; the notice travels as typed JSON.</summary>
    public static OutboxItem NotifyItem(RequestId? requestId, NotificationKind kind, NotificationAudience audience, Notice? notice)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var payload = new JsonObject
        {
            ["kind"] = kind.ToString(),
            ["emails"] = new JsonArray([.. audience.Emails.Distinct(StringComparer.OrdinalIgnoreCase).Select(e => (JsonNode?)e)]),
            ["channels"] = new JsonArray([.. audience.Channels.Distinct(StringComparer.Ordinal).Select(c => (JsonNode?)c)]),
        };
        if (notice is not null) payload["notice"] = JsonSerializer.SerializeToNode(notice);
        return new OutboxItem(OutboxKinds.Notify, requestId, payload);
    }
}
