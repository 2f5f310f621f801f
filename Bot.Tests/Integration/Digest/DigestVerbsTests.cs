using AccessBot.Host.Cli;
using AccessBot.Host.Cli.Digest;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AccessBot.Tests.Integration.Digest;

public sealed class DigestVerbsTests(SeededDigestDatabase seeded) : IClassFixture<SeededDigestDatabase>, IAsyncLifetime
{
    private readonly Mock<IChatNotifier> _notifier = new();
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;

    public async Task InitializeAsync()
    {
        await seeded.Database.ExecuteAsync("delete from digest_deliveries");
        _notifier.SetupGet(n => n.Platform).Returns("chat-a");
        _notifier.Setup(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton(seeded.Database.DataSource);
        // Monday 24 Nov 2026, 10:00 Berlin: the last complete week is 2026-W47.
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)));
        services.AddSingleton<IPolicyProvider>(new StaticPolicyProvider(seeded.Data.Policy()));
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddScoped(_ => _notifier.Object);
        services.AddSingleton(DigestMarkup.AngleBracketLinks("chat-a"));
        services.AddDigestVerbs();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _scope = _services.CreateAsyncScope();
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Preview_prints_the_plain_and_the_posted_variant_and_posts_nothing()
    {
        var (code, output, _) = await RunAsync("digest preview", "--week", "2026-W47");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("──── 2026-W47 · plain ────", output, StringComparison.Ordinal);
        Assert.Contains("──── 2026-W47 · chat-a · as posted to channel 'security' · message 1/2 ────", output, StringComparison.Ordinal);
        Assert.Contains("──── 2026-W47 · chat-a · as posted to channel 'security' · message 2/2 ────", output, StringComparison.Ordinal);
        Assert.Contains("Dave <!channel>", output, StringComparison.Ordinal);
        Assert.Contains("Dave &lt;!channel&gt;", output, StringComparison.Ordinal);
        _notifier.Verify(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Send_without_a_week_posts_the_last_complete_week_once()
    {
        var (firstCode, first, _) = await RunAsync("digest send");
        var (secondCode, second, _) = await RunAsync("digest send");

        Assert.Equal(ExitCodes.Success, firstCode);
        Assert.Equal(ExitCodes.Success, secondCode);
        Assert.Contains("2026-W47: posted to channel 'security' on chat-a", first, StringComparison.Ordinal);
        Assert.Contains("2026-W47: already posted to channel 'security' on chat-a", second, StringComparison.Ordinal);
        // The week's digest is longer than one message (2 parts), each posted once.
        _notifier.Verify(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Theory]
    [InlineData("digest send", "--week", "2026-47")]
    [InlineData("digest preview", "--week", "2025-W53")]
    [InlineData("digest preview", "--weak", "2026-W47")]
    public async Task Malformed_options_are_a_usage_error(string verb, string option, string value)
    {
        var (code, _, error) = await RunAsync(verb, option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        _notifier.Verify(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(string verbName, params string[] words)
    {
        var verb = _scope.ServiceProvider.GetServices<ICliVerb>().Single(v => v.Name == verbName);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(_scope.ServiceProvider, output, error);
        var code = await verb.RunAsync(new CliArguments(words), context, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
