using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AccessBot.Tests.Integration.Engine;

[Collection(nameof(PostgresCollection))]
public sealed class NotificationDeliveryTests(PostgresFixture db)
{
    [Fact]
    public async Task Delivery_job_hands_every_notifier_the_stored_audience_and_the_request_as_it_is_now()
    {
        var first = new Mock<IChatNotifier>();
        var second = new Mock<IChatNotifier>();
        var seen = new List<ChatNotification>();
        first.Setup(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()))
            .Callback<ChatNotification, CancellationToken>((n, _) => seen.Add(n)).Returns(Task.CompletedTask);
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
}
