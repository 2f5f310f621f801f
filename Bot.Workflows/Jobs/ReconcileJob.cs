using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Outbox;
using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccessBot.Workflows.Jobs;

/// <summary>
/// The backstop, every minute: ends every active grant past its expiry (so revocation holds even when the bot was down at
/// the expiry time or an expiry job was lost), times out overdue pending requests, retries target clean-up that has not
/// succeeded, dispatches outbox rows left behind and prunes rows dispatched more than a week ago.
/// </summary>
public sealed class ReconcileJob(
    NpgsqlDataSource dataSource,
    GrantLifecycle lifecycle,
    PendingTimers timers,
    OutboxDispatcher dispatcher,
    ILogger<ReconcileJob> logger)
{
    /// <summary>Rows handled per category per run; the next run takes the rest.</summary>
    private const int Batch = 200;

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        var expired = 0;
        foreach (var id in await IdsAsync("select id from access_requests where state = 'active' and expires_at <= now() order by expires_at limit @limit", ct))
        {
            if (await GuardAsync(id, async () => await lifecycle.ExpireAsync(id, Actor.System("reconcile"), ct) is ExpiryResult.Expired)) expired++;
        }

        var timedOut = 0;
        foreach (var id in await IdsAsync("select id from access_requests where state = 'pending' order by created_at limit @limit", ct))
        {
            if (await GuardAsync(id, async () => await timers.TimeOutAsync(id, reschedule: false, ct) == TimerResult.Done)) timedOut++;
        }

        var deprovisioned = 0;
        foreach (var id in await IdsAsync(
                     "select request_id from grants where revoked_at is not null and deprovisioned_at is null " +
                     "and revoked_at <= now() - interval '5 minutes' order by revoked_at limit @limit", ct))
        {
            if (await GuardAsync(id, async () => { await lifecycle.DeprovisionAsync(id, ct); return true; })) deprovisioned++;
        }

        var dispatched = await dispatcher.DispatchPendingAsync(ct);
        // Dispatched rows are kept a week for delivery retries and diagnosis, then dropped so the table stays small.
        await using (var prune = dataSource.CreateCommand(
            "delete from outbox where dispatched_at < now() - interval '7 days'"))
        {
            await prune.ExecuteNonQueryAsync(ct);
        }
        Log.Reconciled(logger, expired, timedOut, deprovisioned, dispatched);
    }

    /// <summary>One request's failure must not stop the sweep for the others.</summary>
    private async Task<bool> GuardAsync(RequestId id, Func<Task<bool>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ReconcileFailed(logger, id.Value, e);
            return false;
        }
    }

    private async Task<List<RequestId>> IdsAsync(string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("limit", Batch);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<RequestId>();
        while (await reader.ReadAsync(ct)) ids.Add(new RequestId(reader.GetInt64(0)));
        return ids;
    }
}
