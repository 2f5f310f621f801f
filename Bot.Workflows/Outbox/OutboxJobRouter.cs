using System.Linq.Expressions;
using AccessBot.Workflows.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace AccessBot.Workflows.Outbox;

/// <summary>Turns a piece of outbox work into the Hangfire job that does it. Job arguments are ids only.</summary>
internal static class OutboxJobRouter
{
    /// <summary>Null for a kind this version does not know (it is marked dispatched without a job, and logged).</summary>
    public static Job? ToJob(OutboxRow row)
    {
        var request = row.RequestId ?? 0;
        return row.Kind switch
        {
            OutboxKinds.Notify => Make<DeliverNotificationJob>(j => j.RunAsync(row.Id, CancellationToken.None)),
            OutboxKinds.Provision when row.RequestId is not null => Make<ProvisionGrantJob>(j => j.RunAsync(request, CancellationToken.None)),
            OutboxKinds.Deprovision when row.RequestId is not null => Make<DeprovisionGrantJob>(j => j.RunAsync(request, CancellationToken.None)),
            OutboxKinds.Expire when row.RequestId is not null => Make<ExpireGrantJob>(j => j.RunAsync(request, CancellationToken.None)),
            OutboxKinds.Remind when row.RequestId is not null => Make<RemindExpiryJob>(j => j.RunAsync(request, CancellationToken.None)),
            OutboxKinds.TimeOut when row.RequestId is not null => Make<TimeOutRequestJob>(j => j.RunAsync(request, CancellationToken.None)),
            OutboxKinds.Escalate when row.RequestId is not null && row.Step is { } step =>
                Make<EscalateStepJob>(j => j.RunAsync(request, step, CancellationToken.None)),
            _ => null,
        };
    }

    /// <summary>Enqueued now when due by the database clock, otherwise scheduled at <c>run_at</c>.</summary>
    public static IState ToState(OutboxRow row) =>
        row.Due || row.RunAt is null ? new EnqueuedState() : new ScheduledState(row.RunAt.Value.UtcDateTime);

    private static Job Make<T>(Expression<Func<T, Task>> call) => Job.FromExpression(call);
}

/// <summary>
/// One piece of work from a claimed outbox row. <see cref="Id"/> is its item id (<see cref="OutboxItemId"/>); <see cref="Due"/>
/// is <c>run_at is null or run_at &lt;= now()</c> by the database clock.
/// </summary>
internal sealed record OutboxRow(long Id, string Kind, long? RequestId, int? Step, DateTimeOffset? RunAt, bool Due)
{
    public long RowId => OutboxItemId.RowOf(Id);
}
