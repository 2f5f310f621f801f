using System.Text.Json.Nodes;
using AccessBot.Tests.Integration.Digest;
using AccessBot.Workflows.Alerts;
using AccessBot.Workflows.Audit;
using AccessBot.Workflows.Digest;
using AccessBot.Workflows.Notifications;
using AccessBot.Workflows.Policy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AccessBot.Tests.Integration.Alerts;

/// <summary>A database of its own, the alert jobs wired to it, and a recording notifier port.</summary>
public sealed class AlertHarness : IAsyncLifetime
{
    internal IsolatedDatabase Db { get; private set; } = null!;

    public Mock<IChatNotifier> Notifier { get; } = new();

    public List<ChatNotification> Posted { get; } = [];

    public Mock<IAuditChainCheck> ChainCheck { get; } = new();

    public AccessPolicy Policy { get; } = DigestPolicies.Build(
        [
            DigestPolicies.Resource("prod-db", Sensitivity.High, [new ApprovalStep("db-owners", 1, null, null)]),
            DigestPolicies.Resource("wiki", Sensitivity.Medium, []),
            DigestPolicies.Resource("staging-db", Sensitivity.Low, []),
        ],
        [DigestPolicies.Group("db-owners", "bob@example.com")]);

    public async Task InitializeAsync()
    {
        Db = await IsolatedDatabase.CreateAsync("alerts");
        Notifier.SetupGet(n => n.Platform).Returns("chat-a");
        Notifier.Setup(n => n.DeliverAsync(It.IsAny<ChatNotification>(), It.IsAny<CancellationToken>()))
            .Callback<ChatNotification, CancellationToken>((n, _) => { lock (Posted) Posted.Add(n); })
            .Returns(Task.CompletedTask);
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();

    public AlertScanJob ScanJob(AlertOptions? options = null)
    {
        var wrapped = Options.Create(options ?? new AlertOptions());
        return new AlertScanJob(Db.DataSource, new AlertEvaluator(Db.DataSource, wrapped), Dispatcher(wrapped),
            new StaticPolicyProvider(Policy), wrapped);
    }

    public AuditChainAlertJob ChainJob() => new(
        Db.DataSource, [ChainCheck.Object], Dispatcher(Options.Create(new AlertOptions())), new StaticPolicyProvider(Policy),
        new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)), Options.Create(new AlertOptions()),
        NullLogger<AuditChainAlertJob>.Instance);

    private AlertDispatcher Dispatcher(IOptions<AlertOptions> options) => new(
        Db.DataSource, new AlertRenderer(Options.Create(new DigestOptions())), [Notifier.Object],
            [DigestMarkup.AngleBracketLinks("chat-a")],
        new PostgresAuditLog(), options, NullLogger<AlertDispatcher>.Instance);

    public async Task<Guid> PrincipalAsync(string name)
    {
        var id = Guid.NewGuid();
        await using var command = Db.DataSource.CreateCommand("insert into principals (id, email, display_name) values ($1, $2, $3)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = $"{id:N}@example.com" });
        command.Parameters.Add(new() { Value = name });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>A request (and its grant when <paramref name="grantedAt"/> is given); returns its id.</summary>
    public async Task<long> RequestAsync(Guid requester, string resource, string state, DateTimeOffset? grantedAt = null)
    {
        await using var command = Db.DataSource.CreateCommand(
            """
            insert into access_requests (requester_id, resource, requested_duration, reason, state, total_steps, policy_version,
                origin_platform, origin_permalink, granted_at, expires_at)
            values ($1, $2, interval '1 hour', 'r', $3, 1, 'v1', 'chat', 'https://chat.example/r', $4, $4 + interval '1 hour') returning id
            """);
        command.Parameters.Add(new() { Value = requester });
        command.Parameters.Add(new() { Value = resource });
        command.Parameters.Add(new() { Value = state });
        command.Parameters.Add(new() { Value = (object?)grantedAt?.ToUniversalTime() ?? DBNull.Value,
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var id = (long)(await command.ExecuteScalarAsync())!;
        if (grantedAt is null) return id;
        await using var grant = Db.DataSource.CreateCommand(
            """
            insert into grants (request_id, principal_id, resource, provisioner, granted_at, expires_at)
            values ($1, $2, $3, 'manual', $4, $4 + interval '1 hour')
            """);
        grant.Parameters.Add(new() { Value = id });
        grant.Parameters.Add(new() { Value = requester });
        grant.Parameters.Add(new() { Value = resource });
        grant.Parameters.Add(new() { Value = grantedAt.Value.ToUniversalTime() });
        await grant.ExecuteNonQueryAsync();
        return id;
    }

    public Task<long> EventAsync(DateTimeOffset at, string action, long? requestId, JsonObject? details = null,
        string actor = "system:engine") =>
        AuditSeeder.AppendAtAsync(Db.DataSource, at, actor, action, requestId, null, details);

    /// <summary>Scans three times (the last from the very beginning of the log), so "once" means once.</summary>
    public async Task ScanRepeatedlyAsync(AlertOptions? options = null)
    {
        await ScanJob(options).RunAsync(CancellationToken.None);
        await ScanJob(options).RunAsync(CancellationToken.None);
        await Db.ExecuteAsync("update alert_cursor set last_seq = 0");
        await ScanJob(options).RunAsync(CancellationToken.None);
    }

    public async Task<long> FiredAsync(string rule, string cause)
    {
        await using var command = Db.DataSource.CreateCommand("select count(*) from alerts_fired where rule = $1 and cause = $2");
        command.Parameters.Add(new() { Value = rule });
        command.Parameters.Add(new() { Value = cause });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> AuditedAsync(string rule, string cause)
    {
        await using var command = Db.DataSource.CreateCommand(
            "select count(*) from audit_events where action = 'alert.fired' and details->>'rule' = $1 and details->>'cause' = $2");
        command.Parameters.Add(new() { Value = rule });
        command.Parameters.Add(new() { Value = cause });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public int PostedFor(string rule, string cause)
    {
        var id = AlertDispatcher.NotificationId(new Alert(rule, cause, null, null, null, null, null, default, AlertFacts.None, null));
        lock (Posted) return Posted.Count(n => n.Id == id);
    }

    /// <summary>Fired exactly once: one row, one audit event, one post.</summary>
    public async Task AssertFiredOnceAsync(string rule, string cause)
    {
        Assert.Equal(1, await FiredAsync(rule, cause));
        Assert.Equal(1, await AuditedAsync(rule, cause));
        Assert.Equal(1, PostedFor(rule, cause));
    }

    public async Task AssertNeverFiredAsync(string rule, string cause)
    {
        Assert.Equal(0, await FiredAsync(rule, cause));
        Assert.Equal(0, PostedFor(rule, cause));
    }
}
