using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Policy;
using AccessBot.Workflows.Provisioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Integration.Provisioning;

/// <summary>The provisioners as the host wires them (<see cref="ProvisioningServiceCollectionExtensions.AddProvisioners"/>), over in-memory configuration.</summary>
public sealed class ProvisionerHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ProvisionerHost(IDictionary<string, string?> configuration, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        if (time is not null) services.AddSingleton(time);
        services.AddProvisioners();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public RecordingLoggerProvider Logs { get; } = new();

    public IProvisioner Get(string kind) => _services.GetServices<IProvisioner>().Single(p => p.Kind == kind);

    /// <summary>Runs the start-up validation the host runs (ValidateOnStart).</summary>
    public void ValidateOptions<T>()
        where T : class => _ = _services.GetRequiredService<IOptions<T>>().Value;

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static long _nextRequest = 1000;

    public static ProvisioningContext Context(string email, string resource, string kind, IDictionary<string, string> settings, DateTimeOffset expiresAt) =>
        new(new RequestId(Interlocked.Increment(ref _nextRequest)),
            new Principal(new PrincipalId(Guid.NewGuid()), email, "Test Person"),
            Resource(resource, kind, settings),
            expiresAt);

    public static ResourcePolicy Resource(string name, string kind, IDictionary<string, string> settings) =>
        new(name, "test resource", TimeSpan.FromHours(1), TimeSpan.FromHours(8), ReasonRequired: false, [], null, null,
            Sensitivity.High, new ProvisionerSpec(kind, new Dictionary<string, string>(settings)), null, null);
}
