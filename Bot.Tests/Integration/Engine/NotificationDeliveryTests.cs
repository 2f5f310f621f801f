using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AccessBot.Tests.Integration.Engine;

[Collection(nameof(PostgresCollection))]
public sealed class NotificationDeliveryTests(PostgresFixture db)
{
    [Fact]
    public async Task Delivery_job_hands_every_notifier_the_stored_audience_and_the_request_as_it_is_now()
    {
        var (first, seen) = RecordingNotifier();
        var second = new Mock<IChatNotifier>();
        await using var h = new EngineHarness(db.DataSource, configure: s =>
        {
            s.AddSingleton(first.Object);
            s.AddSingleton(second.Object);
        });
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var row = (await h.OutboxAsync(request.Id)).Single(o => o.NotificationKind == nameof(NotificationKind.ApprovalRequested));
        await h.DecideAsync(request.Id, EngineHarness.Bob, approve: false);

        await h.Get<DeliverNotificationJob>().RunAsync(row.Id, CancellationToken.None);

        var notification = Assert.Single(seen);
        Assert.Equal((row.Id, NotificationKind.ApprovalRequested), (notification.Id, notification.Kind));
        Assert.Equal([EngineHarness.Bob, EngineHarness.Carol, EngineHarness.Dave], notification.Audience.Emails);
        Assert.Equal(["approvals"], notification.Audience.Channels);
        Assert.Equal(RequestState.Denied, notification.Request!.State);
        second.Verify(n => n.DeliverAsync(It.Is<ChatNotification>(c => c.Id == row.Id), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_later_notification_of_a_batch_row_is_delivered_alone_under_its_own_item_id()
    {
        var (notifier, seen) = RecordingNotifier();
        await using var h = new EngineHarness(db.DataSource, configure: s => s.AddSingleton(notifier.Object));
        var requester = EngineHarness.NewEmail("alice");
        var request = await h.SubmitAsync(requester);
        var update = (await h.OutboxAsync(request.Id)).Single(o => o.NotificationKind == nameof(NotificationKind.RequesterUpdate));
        Assert.NotEqual(0, OutboxItemId.IndexOf(update.Id));

        await h.Get<DeliverNotificationJob>().RunAsync(update.Id, CancellationToken.None);
        // An index past the row's items names nothing.
        await h.Get<DeliverNotificationJob>().RunAsync(OutboxItemId.Compose(OutboxItemId.RowOf(update.Id), 40), CancellationToken.None);

        var notification = Assert.Single(seen);
        Assert.Equal((update.Id, NotificationKind.RequesterUpdate, request.Id), (notification.Id, notification.Kind, notification.Request!.Id));
        Assert.Equal([requester], notification.Audience.Emails);
    }

    [Fact]
    public async Task A_failing_notifier_fails_the_job_for_a_retry_after_the_others_were_called()
    {
        var failing = new Mock<IChatNotifier>();
        failing.SetupGet(n => n.Platform).Returns("one");
        failing.Setup(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("503"));
        var healthy = new Mock<IChatNotifier>();
        await using var h = new EngineHarness(db.DataSource, configure: s =>
        {
            s.AddSingleton(failing.Object);
            s.AddSingleton(healthy.Object);
        });
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var row = (await h.OutboxAsync(request.Id)).First(o => o.NotificationKind is not null);

        await Assert.ThrowsAsync<AggregateException>(() => h.Get<DeliverNotificationJob>().RunAsync(row.Id, CancellationToken.None));

        healthy.Verify(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Delivery_job_for_a_row_that_is_not_a_notification_does_nothing()
    {
        var notifier = new Mock<IChatNotifier>();
        await using var h = new EngineHarness(db.DataSource, configure: s => s.AddSingleton(notifier.Object));
        var request = await h.SubmitAsync(EngineHarness.NewEmail("alice"));
        var escalate = (await h.OutboxAsync(request.Id)).Single(o => o.Kind == "escalate");

        await h.Get<DeliverNotificationJob>().RunAsync(escalate.Id, CancellationToken.None);

        notifier.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_typed_notice_survives_the_outbox_and_reaches_the_notifier_as_the_same_record()
    {
        var (notifier, seen) = RecordingNotifier();
        await using var h = new EngineHarness(db.DataSource, configure: s => s.AddSingleton(notifier.Object));
        var task = new ManualTask(ManualStep.DoNotGrant, 77, "prod-db", "alice@example.com", "Use the <console>.");
        var id = await h.Get<OutboxWriter>().WriteOutsideAsync(db.DataSource,
            OutboxWriter.NotifyItem(null, NotificationKind.ManualAction, NotificationAudience.Channel("approvals"), task), CancellationToken.None);

        await h.Get<DeliverNotificationJob>().RunAsync(id, CancellationToken.None);

        var notification = Assert.Single(seen);
        Assert.Equal(task, notification.Notice);
        Assert.Null(notification.Text);
    }

    [Fact]
    public async Task A_notice_of_a_kind_this_version_does_not_know_is_dropped_and_the_headline_still_delivered()
    {
        var (notifier, seen) = RecordingNotifier();
        await using var h = new EngineHarness(db.DataSource, configure: s => s.AddSingleton(notifier.Object));
        var item = OutboxWriter.NotifyItem(null, NotificationKind.SecurityAlert, NotificationAudience.Channel("security"), null);
        item.Payload!["notice"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "from_the_future", ["x"] = 1 };
        var id = await h.Get<OutboxWriter>().WriteOutsideAsync(db.DataSource, item, CancellationToken.None);

        await h.Get<DeliverNotificationJob>().RunAsync(id, CancellationToken.None);

        Assert.Null(Assert.Single(seen).Notice);
    }

    [Fact]
    public async Task Checkpoints_are_announced_to_the_security_channel_as_typed_notices()
    {
        var (notifier, seen) = RecordingNotifier();
        await using var h = new EngineHarness(db.DataSource, configure: s => s.AddSingleton(notifier.Object));
        var listener = new OutboxCheckpointListener(db.DataSource, h.Get<OutboxWriter>());
        var head = new string('a', 64);
        var written = new SignedCheckpoint(41, head, 0, "", new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), new string('b', 64), "sig");

        var writtenId = await OutboxIdAsync(() => listener.CheckpointWrittenAsync(written, "/tmp/41.json", CancellationToken.None));
        var refusedId = await OutboxIdAsync(() => listener.CheckpointRefusedAsync(new AuditDamage(7, AuditDamageKind.ModifiedRow, "edited"), CancellationToken.None));
        await h.Get<DeliverNotificationJob>().RunAsync(writtenId, CancellationToken.None);
        await h.Get<DeliverNotificationJob>().RunAsync(refusedId, CancellationToken.None);

        Assert.Equal(
            [new CheckpointWritten(41, written.CreatedAtText, head, new string('b', 64)), new CheckpointRefused(7, "ModifiedRow")],
            seen.Select(n => n.Notice));
        Assert.All(seen, n => Assert.Equal((NotificationKind.SecurityAlert, "security"), (n.Kind, Assert.Single(n.Audience.Channels))));
    }

    private async Task<long> OutboxIdAsync(Func<Task> write)
    {
        await using var before = db.DataSource.CreateCommand("select coalesce(max(id), 0) from outbox");
        var last = (long)(await before.ExecuteScalarAsync())!;
        await write();
        await using var after = db.DataSource.CreateCommand("select id from outbox where id > $1 and kind = 'notify' order by id desc limit 1");
        after.Parameters.AddWithValue(last);
        return (long)(await after.ExecuteScalarAsync())!;
    }

    /// <summary>A notifier port that records every notification handed to it, in order.</summary>
    private static (Mock<IChatNotifier> Notifier, List<ChatNotification> Seen) RecordingNotifier()
    {
        var seen = new List<ChatNotification>();
        var notifier = new Mock<IChatNotifier>();
        notifier.Setup(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()))
            .Callback<ChatNotification, CancellationToken>((n, _) => seen.Add(n)).Returns(Task.CompletedTask);
        return (notifier, seen);
    }
}
