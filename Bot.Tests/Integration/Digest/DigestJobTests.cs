using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Notifications;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AccessBot.Tests.Integration.Digest;

public sealed class DigestJobTests(SeededDigestDatabase seeded) : IClassFixture<SeededDigestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync() => await seeded.Database.ExecuteAsync("delete from digest_deliveries");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Registers_a_recurring_job_with_the_policys_cron_and_time_zone()
    {
        var manager = new Mock<IRecurringJobManager>();

        DigestJobs.Register(manager.Object, seeded.Data.Policy());

        manager.Verify(m => m.AddOrUpdate(
            DigestJobs.RecurringJobId,
            It.Is<Job>(j => j.Type == typeof(DigestJob) && j.Method.Name == nameof(DigestJob.RunAsync)),
            "0 9 * * MON",
            It.Is<RecurringJobOptions>(o => o.TimeZone.Id == "Europe/Berlin")), Times.Once);
    }

    [Fact]
    public void An_unknown_time_zone_is_a_clear_error()
    {
        var policy = seeded.Data.Policy() with
        {
            Digest = new AccessBot.Workflows.Policy.DigestSchedule("0 9 * * MON", "Mars/Olympus", "security"),
        };

        var error = Assert.Throws<InvalidOperationException>(() => DigestJobs.Register(new Mock<IRecurringJobManager>().Object, policy));

        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-23T08:00:00Z", "2026-W47")] // Monday 09:00 Berlin: the week that just ended
    [InlineData("2026-11-22T23:30:00Z", "2026-W47")] // Monday 00:30 Berlin, still Sunday in UTC
    [InlineData("2026-11-22T22:30:00Z", "2026-W46")] // Sunday 23:30 Berlin: W47 is not over yet
    public async Task The_job_posts_the_last_week_completed_in_the_digest_time_zone(string now, string expectedWeek)
    {
        var notifier = new Mock<IChatNotifier>();
        notifier.SetupGet(n => n.Platform).Returns("chat-a");
        ChatNotification? posted = null;
        notifier.Setup(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()))
            .Callback<ChatNotification, CancellationToken>((n, _) => posted ??= n).Returns(Task.CompletedTask);
        var time = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var options = Options.Create(new DigestOptions());
        var composer = new DigestComposer(new PostgresDigestQueries(seeded.Database.DataSource, time, options, []),
            new DigestRenderer(options), options,
            [notifier.Object], [], NullLogger<DigestComposer>.Instance);
        var job = new DigestJob(new DigestSender(seeded.Database.DataSource, composer, new PostgresAuditLog(),
            NullLogger<DigestSender>.Instance),
            new StaticPolicyProvider(seeded.Data.Policy()), time);

        await job.RunAsync(CancellationToken.None);

        Assert.NotNull(posted);
        Assert.Contains($"AccessBot weekly digest {expectedWeek}", posted.Text, StringComparison.Ordinal);
    }
}
