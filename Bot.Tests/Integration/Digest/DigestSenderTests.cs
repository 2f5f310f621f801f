using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AccessBot.Tests.Integration.Digest;

public sealed class DigestSenderTests(SeededDigestDatabase seeded) : IClassFixture<SeededDigestDatabase>, IAsyncLifetime
{
    private static readonly IsoWeek Week = new(2026, 47);
    private readonly DigestDataset _data = seeded.Data;
    private readonly IsolatedDatabase _db = seeded.Database;

    public async Task InitializeAsync() => await _db.ExecuteAsync("delete from digest_deliveries");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sending_the_same_week_twice_posts_once_per_platform()
    {
        var a = Notifier("chat-a");
        var b = Notifier("chat-b");
        var sender = Sender(a.Object, b.Object);
        var auditedBefore = await CountAsync(SentEvents);

        var first = await sender.SendAsync(Week, _data.Policy(), CancellationToken.None);
        var second = await sender.SendAsync(Week, _data.Policy(), CancellationToken.None);

        a.Verify(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()), Times.Once);
        b.Verify(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.All(first, d => Assert.True(d.Posted));
        Assert.All(second, d => Assert.False(d.Posted));
        Assert.Equal(auditedBefore + 2, await CountAsync(SentEvents));
    }

    [Fact]
    public async Task Concurrent_sends_of_one_week_post_once()
    {
        var a = Notifier("chat-a");
        var sender = Sender(a.Object);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => sender.SendAsync(Week, _data.Policy(), CancellationToken.None)));

        a.Verify(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_notification_goes_to_the_digest_channel_with_a_stable_id_and_the_platforms_escaping()
    {
        var a = Notifier("chat-a");
        ChatNotification? posted = null;
        a.Setup(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()))
            .Callback<ChatNotification, CancellationToken>((n, _) => posted = n).Returns(Task.CompletedTask);

        await Sender(a.Object).SendAsync(Week, _data.Policy(), CancellationToken.None);

        Assert.NotNull(posted);
        Assert.Equal(DigestSender.NotificationId(Week, "security"), posted.Id);
        Assert.NotEqual(DigestSender.NotificationId(Week.Next(), "security"), posted.Id);
        Assert.True(posted.Id > int.MaxValue);
        Assert.Equal(NotificationKind.SecurityAlert, posted.Kind);
        Assert.Null(posted.Request);
        Assert.Equal(["security"], posted.Audience.Channels);
        Assert.Contains("&lt;!channel&gt;", posted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", posted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_post_releases_the_claim_so_a_retry_posts()
    {
        var a = Notifier("chat-a");
        a.SetupSequence(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("platform down"))
            .Returns(Task.CompletedTask);
        var sender = Sender(a.Object);

        await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(Week, _data.Policy(), CancellationToken.None));
        Assert.Equal(0, await CountAsync("select count(*) from digest_deliveries"));
        var retry = await sender.SendAsync(Week, _data.Policy(), CancellationToken.None);

        Assert.True(Assert.Single(retry).Posted);
        a.Verify(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_long_digest_is_posted_as_several_messages_within_the_limit_and_only_once()
    {
        var a = Notifier("chat-a");
        var posted = new List<ChatNotification>();
        a.Setup(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()))
            .Callback<ChatNotification, CancellationToken>((n, _) => posted.Add(n)).Returns(Task.CompletedTask);
        var sender = Sender(1000, a.Object);

        await sender.SendAsync(Week, _data.Policy(), CancellationToken.None);
        await sender.SendAsync(Week, _data.Policy(), CancellationToken.None);

        Assert.True(posted.Count > 1, $"expected several messages, got {posted.Count}");
        Assert.All(posted, n => Assert.True(n.Text!.Length <= 1000, $"message of {n.Text!.Length} characters"));
        var expectedIds = Enumerable.Range(0, posted.Count).Select(i => DigestSender.NotificationId(Week, "security", i));
        Assert.Equal(expectedIds, posted.Select(n => n.Id));
        Assert.StartsWith("*AccessBot weekly digest 2026-W47*", posted[0].Text, StringComparison.Ordinal);
        Assert.StartsWith($"(continued, part 2/{posted.Count})", posted[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Platforms_without_an_address_for_the_channel_are_not_posted_to()
    {
        var elsewhere = Notifier("chat-z");

        var result = await Sender(elsewhere.Object).SendAsync(Week, _data.Policy(), CancellationToken.None);

        Assert.Empty(result);
        elsewhere.Verify(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private const string SentEvents = "select count(*) from audit_events where action = 'digest.sent'";

    private static Mock<IChatNotifier> Notifier(string platform)
    {
        var mock = new Mock<IChatNotifier>();
        mock.SetupGet(n => n.Platform).Returns(platform);
        mock.Setup(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return mock;
    }

    private DigestSender Sender(params IChatNotifier[] notifiers) => Sender(40_000, notifiers);

    private DigestSender Sender(int maxMessageLength, params IChatNotifier[] notifiers)
    {
        var options = Options.Create(new DigestOptions { MaxMessageLength = maxMessageLength });
        var queries = new PostgresDigestQueries(_db.DataSource, new FakeTimeProvider(DigestDataset.B(23, 9, 0)), options, []);
        var composer = new DigestComposer(queries, new DigestRenderer(options), options, notifiers,
            [DigestMarkup.AngleBracketLinks("chat-a")], NullLogger<DigestComposer>.Instance);
        return new DigestSender(_db.DataSource, composer, new PostgresAuditLog(), NullLogger<DigestSender>.Instance);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = _db.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
