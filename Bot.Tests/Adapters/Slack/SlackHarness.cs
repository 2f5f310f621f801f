using AccessBot.Adapters.Slack;
using AccessBot.Adapters.Slack.Work;
using AccessBot.Tests.Fakes.Slack;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npgsql;

namespace AccessBot.Tests.Adapters.Slack;

/// <summary>
/// The Slack adapter as the host wires it (<c>AddSlackAdapter</c>), talking to a fake Slack on 127.0.0.1, with the engine
/// ports mocked and the audit log real when a database is given.
/// </summary>
internal sealed class SlackHarness : IAsyncDisposable
{
    public required FakeSlackServer Fake { get; init; }
    public required ServiceProvider Services { get; init; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));
    public Mock<IAccessRequestService> Requests { get; } = new(MockBehavior.Strict);
    public Mock<IAccessRequestQueries> Queries { get; } = new(MockBehavior.Strict);
    public Mock<IPrincipalDirectory> Directory { get; } = new();
    public Mock<IChatMessageStore> ChatMessages { get; } = new();
    public Mock<IPolicyProvider> Policy { get; } = new();
    public InMemoryConversationReferenceStore Markers { get; } = new();
    public CapturingLoggerProvider Logs { get; } = new();

    public static async Task<SlackHarness> StartAsync(NpgsqlDataSource? dataSource = null)
    {
        var fake = await FakeSlackServer.StartAsync();
        var services = new ServiceCollection();
        SlackHarness? harness = null;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = FakeSlackServer.Token,
            ["Slack:ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
            ["Slack:TeamId"] = SlackTestKit.TeamId,
            ["Slack:ApprovalChannel"] = SlackTestKit.ApprovalChannel,
            ["Slack:SecurityChannel"] = SlackTestKit.SecurityChannel,
        }).Build();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new DelegatingLoggerProvider(() => harness!.Logs)));
        services.AddSingleton<TimeProvider>(_ => harness!.Time);
        services.AddSingleton(dataSource ?? NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none"));
        services.AddSingleton<IAuditLog, PostgresAuditLog>();   // the real audit log; the engine itself is mocked
        services.AddSlackAdapter();
        services.AddSingleton(_ => harness!.Requests.Object);
        services.AddSingleton(_ => harness!.Queries.Object);
        services.AddSingleton(_ => harness!.Directory.Object);
        services.AddSingleton(_ => harness!.ChatMessages.Object);
        services.AddSingleton(_ => harness!.Policy.Object);
        services.AddSingleton<IConversationReferenceStore>(_ => harness!.Markers);
        harness = new SlackHarness { Fake = fake, Services = services.BuildServiceProvider(validateScopes: true) };
        harness.Policy.SetupGet(p => p.Current).Returns(SlackSamples.Policy());
        harness.Directory.Setup(d => d.LinkAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<PlatformIdentity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string email, string name, PlatformIdentity id, CancellationToken _) =>
                email == SlackSamples.Bob.Email ? SlackSamples.Bob : SlackSamples.Alice);
        fake.AddUser("U0ALICE", "alice@example.com", "Alice", SlackTestKit.TeamId);
        fake.AddUser("U0BOB", "bob@example.com", "Bob", SlackTestKit.TeamId);
        return harness;
    }

    public T Get<T>() where T : notnull => Scope.ServiceProvider.GetRequiredService<T>();

    private AsyncServiceScope? _scope;

    private AsyncServiceScope Scope => _scope ??= Services.CreateAsyncScope();

    /// <summary>Runs everything the endpoints queued, as the background worker would, surfacing exceptions.</summary>
    public async Task<int> RunQueuedAsync()
    {
        var queue = Services.GetRequiredService<SlackWorkQueue>();
        var count = 0;
        while (queue.Reader.TryRead(out var work))
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SlackWorkDispatcher>().RunAsync(work, CancellationToken.None);
            count++;
        }
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        if (_scope is { } scope) await scope.DisposeAsync();
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

/// <summary>Lets the harness hand its capturing provider to logging before the harness itself exists.</summary>
internal sealed class DelegatingLoggerProvider(Func<Microsoft.Extensions.Logging.ILoggerProvider> inner) : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => inner().CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
