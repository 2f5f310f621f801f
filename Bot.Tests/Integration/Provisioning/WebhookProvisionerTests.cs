using System.Globalization;
using System.Text.Json;
using AccessBot.Workflows.Provisioning;

namespace AccessBot.Tests.Integration.Provisioning;

public sealed class WebhookProvisionerTests : IAsyncLifetime
{
    private const string Secret = "test-only-signing-secret-0123456789";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ExpiresAt = new(2026, 11, 22, 16, 5, 0, TimeSpan.Zero);

    private readonly ObservableTimeProvider _time = new(Start);
    private FakeWebhookServer _server = null!;
    private ProvisionerHost _host = null!;
    private IProvisioner _provisioner = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeWebhookServer.StartAsync(Secret);
        _host = new ProvisionerHost(new Dictionary<string, string?>
        {
            ["AccessBot:Webhooks:ops-hook:Secret"] = Secret,
            ["AccessBot:Webhooks:shared:Secret"] = "another-test-only-secret-abcdef",
            ["AccessBot:WebhookDelivery:MaxAttempts"] = "3",
            ["AccessBot:WebhookDelivery:RetryBaseDelay"] = "00:00:01",
        }, _time);
        _provisioner = _host.Get("webhook");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Grant_posts_a_signed_json_body_with_a_stable_idempotency_key()
    {
        var context = Context();

        var result = await _provisioner.GrantAsync(context, CancellationToken.None);

        var call = await _server.NextAsync();
        Assert.IsType<ProvisionResult.Done>(result);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/access", call.Path);
        Assert.Equal(Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), call.Timestamp);
        Assert.Equal($"accessbot-{context.RequestId.Value}-grant-{ExpiresAt.ToUnixTimeSeconds()}", call.IdempotencyKey);
        using var body = JsonDocument.Parse(call.Body);
        var root = body.RootElement;
        Assert.Equal("grant", root.GetProperty("event").GetString());
        Assert.Equal(context.RequestId.Value, root.GetProperty("request_id").GetInt64());
        Assert.Equal("alice@example.com", root.GetProperty("principal_email").GetString());
        Assert.Equal("ops-hook", root.GetProperty("resource").GetString());
        Assert.Equal("admin", root.GetProperty("role").GetString());
        Assert.Equal(ExpiresAt, root.GetProperty("expires_at").GetDateTimeOffset());
        Assert.Equal("payments", root.GetProperty("settings").GetProperty("team").GetString());
        Assert.False(root.GetProperty("settings").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task Revoke_carries_its_own_event_and_idempotency_key()
    {
        var context = Context();

        var result = await _provisioner.RevokeAsync(context, CancellationToken.None);

        var call = await _server.NextAsync();
        Assert.IsType<ProvisionResult.Done>(result);
        Assert.Equal($"accessbot-{context.RequestId.Value}-revoke", call.IdempotencyKey);
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal("revoke", body.RootElement.GetProperty("event").GetString());
    }

    [Fact]
    public async Task Server_error_is_retried_after_the_back_off_with_the_same_key_and_body()
    {
        _server.Respond(500, 200);

        var grant = _provisioner.GrantAsync(Context(), CancellationToken.None);
        var first = await _server.NextAsync();
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        var waitedForBackOff = !grant.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));
        var result = await grant;
        var second = await _server.NextAsync();

        Assert.True(waitedForBackOff);
        Assert.IsType<ProvisionResult.Done>(result);
        Assert.Equal(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal((Start + TimeSpan.FromSeconds(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), second.Timestamp);
    }

    [Fact]
    public async Task Retry_after_from_the_endpoint_is_honoured_when_longer_than_the_back_off()
    {
        _server.RetryAfterSeconds = 7;
        _server.Respond(429, 200);

        var grant = _provisioner.GrantAsync(Context(), CancellationToken.None);
        await _server.NextAsync();
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        _time.Advance(TimeSpan.FromSeconds(7));
        var result = await grant.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsType<ProvisionResult.Done>(result);
        Assert.Equal((Start + TimeSpan.FromSeconds(7)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), (await _server.NextAsync()).Timestamp);
    }

    [Fact]
    public async Task Time_outs_are_retried_and_then_reported_as_a_transient_failure()
    {
        _server.Respond(FakeWebhookServer.Hang, FakeWebhookServer.Hang, FakeWebhookServer.Hang);

        var grant = _provisioner.GrantAsync(Context(("timeout", "5s")), CancellationToken.None);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await _server.NextAsync();
            _time.Advance(TimeSpan.FromSeconds(5));
            if (attempt == 3) break;
            var backOff = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
            await _time.WaitForTimerAsync(backOff);
            _time.Advance(backOff);
        }
        var result = await grant.WaitAsync(TimeSpan.FromSeconds(10));

        var failed = Assert.IsType<ProvisionResult.Failed>(result);
        Assert.False(failed.Permanent);
        Assert.Contains("no response within 5 s", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_endpoint_is_a_transient_failure_after_the_attempts()
    {
        var closed = new UriBuilder(_server.BaseAddress) { Port = ClosedPort(), Path = "/access" }.Uri.ToString();

        var grant = _provisioner.GrantAsync(Context(("url", closed)), CancellationToken.None);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(2));
        var result = await grant.WaitAsync(TimeSpan.FromSeconds(10));

        var failed = Assert.IsType<ProvisionResult.Failed>(result);
        Assert.False(failed.Permanent);
        Assert.Contains("after 3 attempt(s): connection failed", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_error_is_a_permanent_failure_without_retry()
    {
        _server.Respond(403);

        var result = await _provisioner.GrantAsync(Context(), CancellationToken.None);

        var failed = Assert.IsType<ProvisionResult.Failed>(result);
        Assert.True(failed.Permanent);
        Assert.Contains("HTTP 403", failed.Reason, StringComparison.Ordinal);
        await _server.NextAsync();
        Assert.False(_server.TryNext(out _));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_is_rejected_by_the_endpoint()
    {
        var result = await _provisioner.GrantAsync(Context(("secret_ref", "AccessBot:Webhooks:shared:Secret")), CancellationToken.None);

        var failed = Assert.IsType<ProvisionResult.Failed>(result);
        Assert.True(failed.Permanent);
        Assert.Contains("HTTP 401", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_secret_is_a_permanent_failure_and_nothing_is_sent()
    {
        var context = ProvisionerHost.Context("alice@example.com", "no-secret", "webhook", Settings(), ExpiresAt);

        var result = await _provisioner.GrantAsync(context, CancellationToken.None);

        var failed = Assert.IsType<ProvisionResult.Failed>(result);
        Assert.True(failed.Permanent);
        Assert.Contains("AccessBot:Webhooks:no-secret:Secret", failed.Reason, StringComparison.Ordinal);
        Assert.False(_server.TryNext(out _));
    }

    [Fact]
    public async Task Secret_ref_outside_the_webhook_secrets_is_refused()
    {
        var result = await _provisioner.GrantAsync(Context(("secret_ref", "AccessBot:Targets:prod-db:ConnectionString")), CancellationToken.None);

        Assert.True(Assert.IsType<ProvisionResult.Failed>(result).Permanent);
        Assert.False(_server.TryNext(out _));
    }

    [Fact]
    public async Task Check_reads_the_holders_from_the_check_url()
    {
        _server.HoldersJson = """["bob@example.com", {"subject": "svc-deploy", "email": null}, {"email": "carol@example.com"}]""";
        var resource = ProvisionerHost.Resource("ops-hook", "webhook", Settings(("check_url", new Uri(_server.BaseAddress, "/holders").ToString())));

        var holders = await _provisioner.CheckAsync(resource, CancellationToken.None);

        var call = await _server.NextAsync();
        Assert.Equal("GET", call.Method);
        Assert.Equal(
            [new ProvisionedAccess("bob@example.com", "bob@example.com"), new ProvisionedAccess("svc-deploy", null),
             new ProvisionedAccess("carol@example.com", "carol@example.com")],
            holders);
    }

    [Fact]
    public async Task Check_without_a_check_url_is_empty_and_sends_nothing()
    {
        var holders = await _provisioner.CheckAsync(ProvisionerHost.Resource("ops-hook", "webhook", Settings()), CancellationToken.None);

        Assert.Empty(holders);
        Assert.False(_server.TryNext(out _));
    }

    [Fact]
    public async Task Check_answer_that_is_not_a_list_throws()
    {
        _server.HoldersJson = """{"holders": "everyone"}""";
        var resource = ProvisionerHost.Resource("ops-hook", "webhook", Settings(("check_url", new Uri(_server.BaseAddress, "/holders").ToString())));

        await Assert.ThrowsAsync<ProvisionerCheckException>(() => _provisioner.CheckAsync(resource, CancellationToken.None));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ProvisioningContext Context(params (string Key, string Value)[] extra) =>
        ProvisionerHost.Context("alice@example.com", "ops-hook", "webhook", Settings(extra), ExpiresAt);

    private Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["url"] = new Uri(_server.BaseAddress, "/access").ToString(),
            ["role"] = "admin",
            ["team"] = "payments",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }
}
