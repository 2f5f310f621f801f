using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack;
using AccessBot.Adapters.Slack.Commands;
using AccessBot.Adapters.Slack.Identity;
using AccessBot.Adapters.Slack.Interactions;
using AccessBot.Adapters.Slack.Notifications;
using AccessBot.Adapters.Slack.Work;
using AccessBot.Tests.Adapters.Slack;
using AccessBot.Tests.Fakes.Slack;
using AccessBot.Tests.Fixtures;
using AccessBot.Tests.Integration.Engine;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Jobs;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccessBot.Tests.Integration.Slack;

/// <summary>
/// Slack in, the real engine on PostgreSQL in the middle, Slack out: a slash command files a request, the approval message
/// is delivered by the engine's notification job, a signed click approves it (a second click decides nothing), and the
/// message is updated — with a fake Slack on 127.0.0.1 standing in for slack.com.
/// </summary>
[Collection(nameof(PostgresCollection))]
public sealed class SlackEndToEndTests(PostgresFixture db) : IAsyncLifetime
{
    private FakeSlackServer _fake = null!;
    private EngineHarness _engine = null!;
    private Npgsql.NpgsqlDataSource _database = null!;
    private readonly string _alice = EngineHarness.NewEmail("alice");

    public async Task InitializeAsync()
    {
        // A database of its own: other tests in the collection link the harness's approvers to Slack ids, which would
        // add direct messages to the copies this test counts.
        _database = await db.CreateIsolatedDatabaseAsync($"se{Guid.NewGuid():N}"[..12]);
        _fake = await FakeSlackServer.StartAsync();
        _fake.AddUser("U0ALICE", _alice, "Alice", SlackTestKit.TeamId);
        _fake.AddUser("U0BOB", EngineHarness.Bob, "Bob", SlackTestKit.TeamId);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = FakeSlackServer.Token,
            ["Slack:ApiBaseUrl"] = _fake.ApiBaseUrl.ToString(),
            ["Slack:TeamId"] = SlackTestKit.TeamId,
            ["Slack:ApprovalChannel"] = SlackTestKit.ApprovalChannel,
            ["Slack:SecurityChannel"] = SlackTestKit.SecurityChannel,
        }).Build();
        _engine = new EngineHarness(_database, configure: services =>
        {
            services.AddSingleton<IConfiguration>(config);
            services.AddSlackAdapter();
        });
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _fake.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<int> RunQueuedAsync()
    {
        var queue = _engine.Get<SlackWorkQueue>();
        var count = 0;
        while (queue.Reader.TryRead(out var work))
        {
            await using var scope = _engine.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SlackWorkDispatcher>().RunAsync(work, CancellationToken.None);
            count++;
        }
        return count;
    }

    private async Task DeliverAsync(RequestId id, string kind)
    {
        foreach (var row in (await _engine.OutboxAsync(id)).Where(o => o.Kind == "notify" && o.NotificationKind == kind))
        {
            await using var scope = _engine.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeliverNotificationJob>().RunAsync(row.Id, CancellationToken.None);
        }
    }

    private async Task ClickAsync(string channel, string ts, string id, string action = "approve", string user = "U0BOB")
    {
        await using var scope = _engine.Services.CreateAsyncScope();
        var reply = scope.ServiceProvider.GetRequiredService<SlackInteractionHandler>().Handle(SlackSigner.Request("interactions",
            SlackPayloads.Click(action, id, channel, ts, _fake.ResponseUrl, user: user), TimeProvider.System.GetUtcNow()));
        Assert.Equal(200, reply.StatusCode);
    }

    [Fact]
    public async Task Request_from_a_slash_command_is_approved_with_one_click_and_every_copy_is_updated()
    {
        var body = $"team_id={SlackTestKit.TeamId}&channel_id=C0ORIGIN&user_id=U0ALICE&command=%2Faccess" +
            $"&text={Uri.EscapeDataString("request prod-db 4h migrate <!channel> orders")}&response_url={Uri.EscapeDataString(_fake.ResponseUrl.ToString())}";
        await using (var scope = _engine.Services.CreateAsyncScope())
        {
            var ack = scope.ServiceProvider.GetRequiredService<SlackCommandHandler>()
                .Handle(SlackSigner.Request("commands", body, TimeProvider.System.GetUtcNow()));
            Assert.Equal(200, ack.StatusCode);
        }
        Assert.Equal(1, await RunQueuedAsync());
        var submittedText = (await _fake.NextCallAsync("response_url")).Arg("text")!;
        var id = new RequestId(long.Parse(System.Text.RegularExpressions.Regex.Match(submittedText, @"#(\d+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture));
        var request = await _engine.GetAsync(id);
        Assert.Equal((_alice, "migrate <!channel> orders", RequestState.Pending), (request.Requester.Email, request.Reason, request.State));

        await DeliverAsync(id, nameof(NotificationKind.ApprovalRequested));
        var post = await _fake.NextCallAsync("chat.postMessage");
        Assert.Equal(SlackTestKit.ApprovalChannel, post.Arg("channel"));
        Assert.Contains("&lt;!channel&gt;", string.Join("\n", post.Texts()));
        var copy = Assert.Single(await _engine.Get<IChatMessageStore>().ForRequestAsync(id, "slack", CancellationToken.None));
        Assert.NotNull(copy.Permalink);

        await ClickAsync(copy.Channel, copy.MessageId, id.ToString());
        await ClickAsync(copy.Channel, copy.MessageId, id.ToString());
        Assert.Equal(2, await RunQueuedAsync());

        var answers = new[] { (await _fake.NextCallAsync("response_url")).Arg("text")!, (await _fake.NextCallAsync("response_url")).Arg("text")! };
        Assert.Contains(answers, a => a.Contains("You approved", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.Contains("was already *approved*", StringComparison.Ordinal));
        Assert.Equal(1L, await _engine.ScalarAsync<long>("select count(*) from approvals where request_id = @id", id.Value));
        var approved = (await _engine.Queries.AuditTrailAsync(id, CancellationToken.None)).Single(e => e.Action == "request.approved");
        Assert.Equal(copy.Permalink, approved.Permalink);
        Assert.Contains(await _engine.AuditActionsAsync(id), a => a == "chat.posted");

        await DeliverAsync(id, nameof(NotificationKind.RequestChanged));
        var update = await _fake.NextCallAsync("chat.update");
        Assert.Equal((copy.Channel, copy.MessageId), (update.Arg("channel"), update.Arg("ts")));
        Assert.DoesNotContain(SlackCall.Walk(update.Args["blocks"]).OfType<JsonObject>(), o => (string?)o["type"] == "button");
        Assert.Contains("by <@U0BOB>", string.Join("\n", update.Texts()));
    }

    [Fact]
    public async Task Approved_request_is_granted_then_expires_and_the_approval_message_shows_the_end()
    {
        var body = $"team_id={SlackTestKit.TeamId}&channel_id=C0ORIGIN&user_id=U0ALICE&command=%2Faccess" +
            $"&text={Uri.EscapeDataString("request prod-db 1h rotate keys")}&response_url={Uri.EscapeDataString(_fake.ResponseUrl.ToString())}";
        await using (var scope = _engine.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<SlackCommandHandler>()
                .Handle(SlackSigner.Request("commands", body, TimeProvider.System.GetUtcNow()));
        }
        Assert.Equal(1, await RunQueuedAsync());
        var submittedText = (await _fake.NextCallAsync("response_url")).Arg("text")!;
        var id = new RequestId(long.Parse(System.Text.RegularExpressions.Regex.Match(submittedText, @"#(\d+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture));
        await DeliverAsync(id, nameof(NotificationKind.ApprovalRequested));
        await _fake.NextCallAsync("chat.postMessage");
        var copy = Assert.Single(await _engine.Get<IChatMessageStore>().ForRequestAsync(id, "slack", CancellationToken.None));
        await ClickAsync(copy.Channel, copy.MessageId, id.ToString());
        Assert.Equal(1, await RunQueuedAsync());

        await _engine.Lifecycle.ProvisionAsync(id, CancellationToken.None);
        Assert.Equal(RequestState.Active, (await _engine.GetAsync(id)).State);
        // An hour passes on the database's clock.
        Assert.Equal(1, await _engine.ExecAsync("update access_requests set expires_at = now() - interval '1 second' where id = @id", id.Value));
        Assert.Equal(1, await _engine.ExecAsync("update grants set expires_at = now() - interval '1 second' where request_id = @id", id.Value));
        Assert.IsType<ExpiryResult.Expired>(await _engine.Lifecycle.ExpireAsync(id, Actor.System("expire"), CancellationToken.None));
        await DeliverAsync(id, nameof(NotificationKind.RequestChanged));

        var last = Assert.IsType<SlackCall>(_fake.Drain().LastOrDefault(c => c.Method == "chat.update"));
        Assert.Equal((copy.Channel, copy.MessageId), (last.Arg("channel"), last.Arg("ts")));
        Assert.Contains("xpired", string.Join("\n", last.Texts()), StringComparison.Ordinal);
        Assert.DoesNotContain(SlackCall.Walk(last.Args["blocks"]).OfType<JsonObject>(), o => (string?)o["type"] == "button");
        var trail = await _engine.Queries.AuditTrailAsync(id, CancellationToken.None);
        Assert.Equal(copy.Permalink, trail.Single(e => e.Action == "request.approved").Permalink);
        Assert.Contains(trail, e => e.Action == "grant.granted");
        Assert.Contains(trail, e => e.Action == "grant.expired");
    }

    [Fact]
    public async Task Release_button_in_the_expiry_reminder_ends_the_grant_and_is_audited_with_the_dm_permalink()
    {
        await using (var scope = _engine.Services.CreateAsyncScope())
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<SlackIdentityResolver>().ResolveAsync("U0ALICE", CancellationToken.None));
        var active = await _engine.ActiveGrantAsync(_alice);

        await using (var scope = _engine.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SlackNotifier>().DeliverAsync(new ChatNotification(
                Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.ExpiringSoon, active, NotificationAudience.People(_alice)), CancellationToken.None);
        }
        var dm = Assert.Single(await _engine.Get<IChatMessageStore>().ForRequestAsync(active.Id, "slack", CancellationToken.None),
            m => m.Purpose == "expiring");
        Assert.Equal("DU0ALICE", dm.Channel);

        await ClickAsync(dm.Channel, dm.MessageId, active.Id.ToString(), action: "release", user: "U0ALICE");
        Assert.Equal(1, await RunQueuedAsync());

        Assert.Contains("is now", (await _fake.NextCallAsync("response_url")).Arg("text"));
        Assert.NotEqual(RequestState.Active, (await _engine.GetAsync(active.Id)).State);
        var released = (await _engine.Queries.AuditTrailAsync(active.Id, CancellationToken.None)).Single(e => e.Action == "grant.released");
        Assert.Equal(dm.Permalink, released.Permalink);
    }
}
