using AccessBot.Tests.Fixtures;
using AccessBot.Workflows;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Outbox;
using AccessBot.Workflows.Policy;
using AccessBot.Workflows.Provisioning;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Npgsql;

namespace AccessBot.Tests.Integration.Engine;

/// <summary>The engine as the host wires it, on the fixture's database, with a fake provisioner and a settable policy.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public const string Bob = "bob@example.com";
    public const string Carol = "carol@example.com";
    public const string Dave = "dave@example.com";
    public const string Erin = "erin@example.com";
    public const string Admin = "admin@example.com";
    public const string OnCall = "oncall@example.com";
    public const string AutoUser = "auto@example.com";

    private readonly ServiceProvider _services;

    public EngineHarness(
        NpgsqlDataSource dataSource, AccessPolicy? policy = null, IBackgroundJobClient? jobs = null, Action<IServiceCollection>? configure = null)
    {
        DataSource = dataSource;
        Policy = new SettablePolicyProvider(policy ?? DefaultPolicy());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(dataSource);
        services.AddSingleton<IPolicyProvider>(Policy);
        services.AddSingleton<IProvisioner>(Provisioner);
        services.AddSingleton(jobs ?? RecordingJobClient().Object);
        configure?.Invoke(services);
        // Engine tests link identities of both platforms without their adapters, which normally declare the columns.
        services.AddIdentityColumn("slack", "slack_user_id");
        services.AddIdentityColumn("teams", "teams_aad_object_id");
        services.AddWorkflows();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public NpgsqlDataSource DataSource { get; }

    public SettablePolicyProvider Policy { get; }

    public FakeProvisioner Provisioner { get; } = new();

    public IServiceProvider Services => _services;

    public IAccessRequestService Engine => _services.GetRequiredService<IAccessRequestService>();

    public IAccessRequestQueries Queries => _services.GetRequiredService<IAccessRequestQueries>();

    public IPrincipalDirectory Directory => _services.GetRequiredService<IPrincipalDirectory>();

    public GrantLifecycle Lifecycle => _services.GetRequiredService<GrantLifecycle>();

    public PendingTimers Timers => _services.GetRequiredService<PendingTimers>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static AccessPolicy DefaultPolicy() => new PolicyBuilder()
        .Group("db-owners", Bob, Carol, Dave)
        .Group("leads", Erin)
        .Group("admins", Admin)
        .Group("oncall", OnCall)
        .Group("auto-users", AutoUser)
        .Admins("admins")
        .Resource("prod-db", r => r.Step("db-owners", escalateAfter: TimeSpan.FromMinutes(30), escalateTo: "leads")
            .Durations(TimeSpan.FromHours(1), TimeSpan.FromHours(8)).ReasonRequired().BreakGlass(TimeSpan.FromHours(1), "oncall"))
        .Resource("two-step", r => r.Step("db-owners").Step("leads"))
        .Resource("quorum", r => r.Step("db-owners", approvals: 2))
        .Resource("auto", r => r.Step("db-owners").AutoApprove(TimeSpan.FromHours(2), "auto-users"))
        .Resource("manual-res", r => r.Step("db-owners").Provisioner(ManualProvisioner.KindName))
        .Resource("quick-timeout", r => r.Step("db-owners").PendingTimeout(TimeSpan.FromMinutes(10)))
        .Build();

    public static string NewEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public async Task<Actor> PersonAsync(string email, string platform = "test", string? permalink = null)
    {
        var principal = await Directory.ResolveByEmailAsync(email, email.Split('@')[0], CancellationToken.None);
        return Actor.Person(principal, platform, permalink);
    }

    public async Task<RequestSnapshot> SubmitAsync(string requesterEmail, string resource = "prod-db", TimeSpan? duration = null, string? reason = "fix orders")
    {
        var outcome = await Engine.SubmitAsync(new SubmitRequest(await PersonAsync(requesterEmail), resource, duration, reason,
            new RequestOrigin("test", "C-ORIGIN", "https://chat.example/p/1")), CancellationToken.None);
        return Assert.IsType<SubmitOutcome.Submitted>(outcome).Request;
    }

    public async Task<DecisionOutcome> DecideAsync(RequestId id, string approverEmail, bool approve = true, string? comment = null) =>
        await Engine.DecideAsync(new DecideRequest(id, await PersonAsync(approverEmail, permalink: "https://chat.example/p/click"), approve, comment),
            CancellationToken.None);

    /// <summary>Submit, approve and provision: an active grant.</summary>
    public async Task<RequestSnapshot> ActiveGrantAsync(string requesterEmail, string resource = "prod-db", TimeSpan? duration = null)
    {
        var request = await SubmitAsync(requesterEmail, resource, duration);
        Assert.IsType<DecisionOutcome.Recorded>(await DecideAsync(request.Id, Bob));
        await Lifecycle.ProvisionAsync(request.Id, CancellationToken.None);
        var active = await Queries.GetAsync(request.Id, CancellationToken.None);
        Assert.Equal(RequestState.Active, active!.State);
        return active;
    }

    public async Task<List<string>> AuditActionsAsync(RequestId id) =>
        [.. (await Queries.AuditTrailAsync(id, CancellationToken.None)).Select(e => e.Action)];

    /// <summary>
    /// The request's outbox work in order, one entry per piece of work (a batch row's items, see the outbox_items view): kind,
    /// and for notifications their notification kind. <see cref="OutboxEntry.Id"/> is the item id a job is given.
    /// </summary>
    public async Task<List<OutboxEntry>> OutboxAsync(RequestId id)
    {
        await using var command = DataSource.CreateCommand(
            "select id, kind, payload ->> 'kind', run_at, payload::text from outbox_items where request_id = @id order by row_id, id");
        command.Parameters.AddWithValue("id", id.Value);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<OutboxEntry>();
        while (await reader.ReadAsync())
        {
            list.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }
        return list;
    }

    public async Task<int> ExecAsync(string sql, long requestId)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", requestId);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, long requestId)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", requestId);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<RequestSnapshot> GetAsync(RequestId id) => (await Queries.GetAsync(id, CancellationToken.None))!;

    public static Mock<IBackgroundJobClient> RecordingJobClient()
    {
        var mock = new Mock<IBackgroundJobClient>();
        var next = 0;
        mock.Setup(c => c.Create(It.IsAny<Job>(), It.IsAny<IState>())).Returns(() => $"job-{Interlocked.Increment(ref next)}");
        return mock;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

public sealed record OutboxEntry(long Id, string Kind, string? NotificationKind, DateTimeOffset? RunAt, string Payload);

public sealed class SettablePolicyProvider(AccessPolicy policy) : IPolicyProvider
{
    public AccessPolicy Current { get; set; } = policy;
}
