using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Outbox;
using Hangfire.States;

namespace AccessBot.Tests.Workflows;

public sealed class OutboxJobRouterTests
{
    private static readonly DateTimeOffset Later = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(OutboxKinds.Notify, typeof(DeliverNotificationJob))]
    [InlineData(OutboxKinds.Provision, typeof(ProvisionGrantJob))]
    [InlineData(OutboxKinds.Deprovision, typeof(DeprovisionGrantJob))]
    [InlineData(OutboxKinds.Expire, typeof(ExpireGrantJob))]
    [InlineData(OutboxKinds.Remind, typeof(RemindExpiryJob))]
    [InlineData(OutboxKinds.TimeOut, typeof(TimeOutRequestJob))]
    [InlineData(OutboxKinds.Escalate, typeof(EscalateStepJob))]
    public void Every_kind_maps_to_its_job_with_ids_only(string kind, Type expected)
    {
        var job = OutboxJobRouter.ToJob(new OutboxRow(7, kind, 812, 2, null, true));

        Assert.NotNull(job);
        Assert.Equal(expected, job.Type);
        Assert.All(job.Args.Where(a => a is not CancellationToken), a => Assert.True(a is long or int));
        Assert.Equal(kind == OutboxKinds.Notify ? 7L : 812L, job.Args[0]);
    }

    [Fact]
    public void Unknown_kind_or_missing_request_yields_no_job()
    {
        Assert.Null(OutboxJobRouter.ToJob(new OutboxRow(1, "reboot", 1, null, null, true)));
        Assert.Null(OutboxJobRouter.ToJob(new OutboxRow(1, OutboxKinds.Expire, null, null, null, true)));
        Assert.Null(OutboxJobRouter.ToJob(new OutboxRow(1, OutboxKinds.Escalate, 5, null, null, true)));
    }

    [Fact]
    public void Due_rows_are_enqueued_and_future_rows_scheduled_at_run_at()
    {
        Assert.IsType<EnqueuedState>(OutboxJobRouter.ToState(new OutboxRow(1, OutboxKinds.Expire, 1, null, Later, Due: true)));
        var scheduled = Assert.IsType<ScheduledState>(OutboxJobRouter.ToState(new OutboxRow(1, OutboxKinds.Expire, 1, null, Later, Due: false)));
        Assert.Equal(Later.UtcDateTime, scheduled.EnqueueAt);
    }
}
