using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccessBot.Workflows.Outbox;

/// <summary>
/// Hands committed outbox rows to Hangfire and marks them dispatched with the job id. Wakes on
/// <c>LISTEN accessbot_outbox</c> and polls as a backstop. Rows are claimed with <c>for update skip locked</c>, so replicas
/// share the work; a crash after a job was created but before the row was marked leaves it to be dispatched again:
/// delivery is at least once and every job is idempotent.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IBackgroundJobClient jobs,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>Dispatches every undispatched row, batch by batch; returns how many rows were handled.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var handled = await DispatchBatchAsync(ct);
            total += handled;
            if (handled < options.Value.BatchSize) return total;
        }
    }

    // Claims whole rows (a batch row's items are dispatched together) and reads their items, in order, through the
    // outbox_items view, which also gives each item its id and time (migration 0015).
    private const string ClaimSql =
        """
        with claimed as (select id from outbox
                         where dispatched_at is null
                         order by id limit @limit
                         for update skip locked)
        select i.id, i.kind, i.request_id, (i.payload ->> 'step')::int, i.run_at, i.run_at is null or i.run_at <= now()
        from outbox_items i join claimed c on c.id = i.row_id
        order by i.row_id, i.id
        """;

    private async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var items = new List<OutboxRow>();
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.AddWithValue("limit", options.Value.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                items.Add(new OutboxRow(
                    reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetBoolean(5)));
            }
        }
        if (items.Count == 0) return 0;

        var rows = 0;
        foreach (var row in items.GroupBy(i => i.RowId))
        {
            var jobIds = new List<string>();
            foreach (var item in row)
            {
                if (OutboxJobRouter.ToJob(item) is { } job)
                {
                    jobIds.Add(jobs.Create(job, OutboxJobRouter.ToState(item)));
                }
                else
                {
                    Log.UnknownKind(logger, item.Id, item.Kind);
                    jobIds.Add("");
                }
            }

            await using var mark = new NpgsqlCommand(
                "update outbox set dispatched_at = now(), job_id = @job where id = @id", connection, transaction);
            mark.Parameters.AddWithValue("job", jobIds.Any(j => j.Length > 0) ? string.Join(',', jobIds) : DBNull.Value);
            mark.Parameters.AddWithValue("id", row.Key);
            await mark.ExecuteNonQueryAsync(ct);
            rows++;
        }
        await transaction.CommitAsync(ct);
        Log.Dispatched(logger, rows);
        return rows;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                try
                {
                    await using (var listen = new NpgsqlCommand($"listen {OutboxWriter.Channel}", connection))
                    {
                        await listen.ExecuteNonQueryAsync(stoppingToken);
                    }
                    backoff = TimeSpan.FromSeconds(1);
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await DispatchPendingAsync(stoppingToken);
                        // Returns on a notification or after the poll interval, whichever comes first.
                        await connection.WaitAsync(options.Value.PollInterval, stoppingToken);
                    }
                }
                finally
                {
                    await UnlistenAsync(connection);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.DispatchFailed(logger, e);
                await Task.Delay(backoff, time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    /// <summary>
    /// The connection goes back to a pool that does not reset sessions (see DataSourceDefaults): a pooled session left
    /// listening would collect notifications nobody reads and hold back the server's notification queue.
    /// </summary>
    private async Task UnlistenAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            await using var unlisten = new NpgsqlCommand("unlisten *", connection);
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection is discarded by the pool, and its session (with its LISTEN) ends with it.
            Log.UnlistenFailed(logger, e);
        }
    }
}
