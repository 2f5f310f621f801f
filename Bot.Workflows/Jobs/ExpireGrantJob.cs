using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Outbox;
using Hangfire;

namespace AccessBot.Workflows.Jobs;

/// <summary>
/// Ends a grant at its expiry. The database clock decides: a run that comes early (host clock ahead, or the grant was
/// extended) schedules itself again for the remainder.
/// </summary>
public sealed class ExpireGrantJob(GrantLifecycle lifecycle, EngineServices engine)
{
    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(long requestId, CancellationToken ct)
    {
        var id = new RequestId(requestId);
        if (await lifecycle.ExpireAsync(id, Actor.System("expire"), ct) is ExpiryResult.NotDue notDue)
            await engine.Outbox.WriteOutsideAsync(engine.DataSource, new OutboxItem(OutboxKinds.Expire, id, Delay: notDue.Remaining), ct);
    }
}
