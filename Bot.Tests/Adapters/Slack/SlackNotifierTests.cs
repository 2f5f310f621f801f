using System.Text.Json.Nodes;
using AccessBot.Adapters.Slack.Notifications;
using AccessBot.Tests.Fakes.Slack;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using Moq;

namespace AccessBot.Tests.Adapters.Slack;

public sealed class SlackNotifierTests(PostgresFixture db) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private SlackHarness _h = null!;
    private readonly List<PostedMessage> _recorded = [];

    public async Task InitializeAsync()
    {
        _h = await SlackHarness.StartAsync(db.DataSource);
        _h.ChatMessages.Setup(m => m.RecordAsync(It.IsAny<PostedMessage>(), It.IsAny<CancellationToken>()))
            .Callback((PostedMessage m, CancellationToken _) => _recorded.Add(m)).Returns(Task.CompletedTask);
        _h.Directory.Setup(d => d.FindByEmailAsync("alice@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(SlackSamples.Alice);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task DeliverAsync(ChatNotification notification) => _h.Get<SlackNotifier>().DeliverAsync(notification, CancellationToken.None);

    private static ChatNotification Notification(long id, NotificationKind kind, RequestSnapshot request, NotificationAudience audience) =>
        new(id, kind, request, audience);

    private static IEnumerable<JsonObject> Buttons(SlackCall call) =>
        SlackCall.Walk(call.Args["blocks"]).OfType<JsonObject>().Where(o => (string?)o["type"] == "button");

    [Fact]
    public async Task Approval_request_goes_to_the_policy_channel_with_buttons_pointing_at_the_request()
    {
        var id = Random.Shared.NextInt64(1, long.MaxValue);

        await DeliverAsync(Notification(id, NotificationKind.ApprovalRequested, SlackSamples.Request(), NotificationAudience.Channel("db-approvals")));

        var post = await _h.Fake.NextCallAsync("chat.postMessage");
        Assert.Equal("C0DBAPPROVALS", post.Arg("channel"));
        Assert.Equal([("approve", "812", "primary"), ("deny", "812", "danger")],
            Buttons(post).Select(b => ((string?)b["action_id"], (string?)b["value"], (string?)b["style"])));
        var texts = string.Join("\n", post.Texts());
        Assert.Contains("<@U0ALICE> requests *prod-db* for *4h*", texts);
        Assert.Contains("step 1 of 2 — db-owners", texts);
        Assert.Contains("sensitivity: high", texts);
        var recorded = Assert.Single(_recorded);
        Assert.Equal((new RequestId(812), "slack", "C0DBAPPROVALS", "approval"), (recorded.RequestId, recorded.Platform, recorded.Channel, recorded.Purpose));
        Assert.StartsWith("https://fake.slack.test/archives/C0DBAPPROVALS/p", recorded.Permalink);
        await using var cmd = db.DataSource.CreateCommand("select permalink from audit_events where action = 'chat.posted' and details->>'notification' = $1");
        cmd.Parameters.AddWithValue(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(recorded.Permalink, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Approvals_channel_without_a_slack_address_falls_back_to_the_configured_channel()
    {
        await DeliverAsync(Notification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.ApprovalRequested, SlackSamples.Request(),
            NotificationAudience.Channel("approvals")));

        Assert.Equal(SlackTestKit.ApprovalChannel, (await _h.Fake.NextCallAsync("chat.postMessage")).Arg("channel"));
    }

    [Fact]
    public async Task Redelivering_the_same_notification_posts_nothing_new()
    {
        var notification = Notification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.ApprovalRequested, SlackSamples.Request(),
            NotificationAudience.Channel("db-approvals"));

        await DeliverAsync(notification);
        await DeliverAsync(notification);

        Assert.Single(_h.Fake.Drain(), c => c.Method == "chat.postMessage");
    }

    [Fact]
    public async Task A_retry_after_a_failed_permalink_finishes_the_bookkeeping_without_posting_twice()
    {
        var notification = Notification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.ApprovalRequested, SlackSamples.Request(),
            NotificationAudience.Channel("db-approvals"));
        _h.Fake.RateLimitNext("chat.getPermalink", 3);

        await Assert.ThrowsAsync<AccessBot.Adapters.Slack.Api.SlackRateLimitedException>(() => DeliverAsync(notification));
        await DeliverAsync(notification);

        Assert.Single(_h.Fake.Drain(), c => c.Method == "chat.postMessage");
        Assert.Single(_recorded);
    }

    [Fact]
    public async Task Request_changed_updates_every_posted_copy_without_buttons()
    {
        var decided = SlackSamples.Request(state: RequestState.Denied, version: 3,
            approvals: [new ApprovalRecord(1, SlackSamples.Bob, false, "no", "slack", null, DateTimeOffset.UnixEpoch)]);
        _h.ChatMessages.Setup(m => m.ForRequestAsync(new RequestId(812), "slack", It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new PostedMessage(new RequestId(812), "slack", "C0DBAPPROVALS", "1.000001", null, "approval"),
            new PostedMessage(new RequestId(812), "slack", "C0ESCALATION", "2.000002", null, "approval"),
            new PostedMessage(new RequestId(812), "slack", "DU0ALICE", "3.000003", null, "requester"),
        ]);

        await DeliverAsync(Notification(1, NotificationKind.RequestChanged, decided, new NotificationAudience([], [])));

        var updates = _h.Fake.Drain().Where(c => c.Method == "chat.update").ToList();
        Assert.Equal(["C0DBAPPROVALS", "C0ESCALATION"], updates.Select(u => u.Arg("channel")));
        Assert.All(updates, u => Assert.Empty(Buttons(u)));
        Assert.All(updates, u => Assert.Contains("*denied* by <@U0BOB>", string.Join("\n", u.Texts())));
    }

    [Fact]
    public async Task Expiring_soon_is_a_direct_message_with_extend_and_release()
    {
        await DeliverAsync(Notification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.ExpiringSoon,
            SlackSamples.Request(state: RequestState.Active), NotificationAudience.People("alice@example.com")));

        Assert.Equal("U0ALICE", (await _h.Fake.NextCallAsync("conversations.open")).Arg("users"));
        var post = await _h.Fake.NextCallAsync("chat.postMessage");
        Assert.Equal("DU0ALICE", post.Arg("channel"));
        Assert.Equal(["extend", "release"], Buttons(post).Select(b => (string?)b["action_id"]));
        Assert.Equal("expiring", Assert.Single(_recorded).Purpose);
    }

    [Fact]
    public async Task Hostile_reason_renders_inert_and_within_block_kit_limits()
    {
        var reason = "<!channel> <@U0ADMIN> <http://evil.example|innocent> & " + new string('<', 4000);

        await DeliverAsync(Notification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.ApprovalRequested,
            SlackSamples.Request(reason: reason), NotificationAudience.Channel("db-approvals")));

        var post = await _h.Fake.NextCallAsync("chat.postMessage");
        var texts = string.Join("\n", post.Texts());
        Assert.DoesNotContain("<!channel>", texts);
        Assert.DoesNotContain("<@U0ADMIN>", texts);
        Assert.DoesNotContain("<http", texts);
        Assert.Contains("&lt;!channel&gt; &lt;@U0ADMIN&gt; &lt;http://evil.example|innocent&gt; &amp;", texts);
        Assert.NotEmpty(_recorded);   // the fake accepted it: every block within its limit
    }

    [Fact]
    public async Task Security_alert_text_is_sent_as_plain_text()
    {
        var notification = new ChatNotification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.SecurityAlert, null,
            NotificationAudience.Channel("security"), "Audit chain broken at seq 42 <!here>");

        await DeliverAsync(notification);

        var post = await _h.Fake.NextCallAsync("chat.postMessage");
        Assert.Equal(SlackTestKit.SecurityChannel, post.Arg("channel"));
        var plain = SlackCall.Walk(post.Args["blocks"]).OfType<JsonObject>()
            .Single(o => (string?)o["type"] == "plain_text" && ((string?)o["text"])!.Contains("seq 42", StringComparison.Ordinal));
        Assert.Equal("Audit chain broken at seq 42 <!here>", (string?)plain["text"]);
        Assert.DoesNotContain("<!here>", post.Arg("text"));
    }

    [Fact]
    public async Task A_manual_task_is_worded_by_the_slack_template_in_mrkdwn_with_its_values_escaped()
    {
        var task = new ManualTask(ManualStep.Grant, 812, "prod-db", "<!channel>@example.com", "Use the <http://evil|console>.");

        await DeliverAsync(new ChatNotification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.ManualAction,
            SlackSamples.Request(state: RequestState.Approved), NotificationAudience.Channel("db-approvals"), Notice: task));

        var post = await _h.Fake.NextCallAsync("chat.postMessage");
        var section = SlackCall.Walk(post.Args["blocks"]).OfType<JsonObject>()
            .Single(o => (string?)o["type"] == "mrkdwn" && ((string?)o["text"])!.StartsWith("Grant ", StringComparison.Ordinal));
        Assert.Equal("Grant *prod-db* to &lt;!channel&gt;@example.com for request #812, then confirm it with `request provisioned 812`.\n"
            + "Use the &lt;http://evil|console&gt;.", (string?)section["text"]);
        Assert.StartsWith("Manual action needed #812:", post.Arg("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_notice_reaches_the_security_channel_worded_by_its_template()
    {
        var notice = new CheckpointWritten(4711, "2026-11-23T00:00:00Z", "ab12cd34", "0123456789abcdef0123");

        await DeliverAsync(new ChatNotification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.SecurityAlert, null,
            NotificationAudience.Channel("security"), Notice: notice));

        var post = await _h.Fake.NextCallAsync("chat.postMessage");
        Assert.Equal(SlackTestKit.SecurityChannel, post.Arg("channel"));
        Assert.Contains("Audit checkpoint: events up to #4711 sealed at 2026-11-23T00:00:00Z, head hash `ab12cd34`, key `0123456789abcdef`.",
            post.Texts());
    }

    [Fact]
    public async Task A_person_never_seen_on_slack_is_skipped()
    {
        _h.Directory.Setup(d => d.FindByEmailAsync("teams-only@example.com", It.IsAny<CancellationToken>()))
            .ReturnsAsync(SlackSamples.Bob with { Email = "teams-only@example.com", SlackUserId = null });

        await DeliverAsync(Notification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.RequesterUpdate,
            SlackSamples.Request(), NotificationAudience.People("teams-only@example.com")));

        Assert.DoesNotContain(_h.Fake.Drain(), c => c.Method is "chat.postMessage" or "conversations.open");
    }

    [Fact]
    public async Task A_channel_the_bot_is_not_in_does_not_stop_the_other_destinations()
    {
        _h.Fake.FailNext("chat.postMessage", "not_in_channel");

        await DeliverAsync(Notification(Random.Shared.NextInt64(1, long.MaxValue), NotificationKind.BreakGlass,
            SlackSamples.Request(state: RequestState.Active), new NotificationAudience(["alice@example.com"], ["security", "db-approvals"])));

        var posts = _h.Fake.Drain().Where(c => c.Method == "chat.postMessage").Select(c => c.Arg("channel")).ToList();
        Assert.Equal([SlackTestKit.SecurityChannel, "C0DBAPPROVALS", "DU0ALICE"], posts);
        Assert.Equal(["C0DBAPPROVALS", "DU0ALICE"], _recorded.Select(r => r.Channel));
        Assert.Contains(_h.Logs.Lines, l => l.Contains("[2016]", StringComparison.Ordinal) && l.Contains("not_in_channel", StringComparison.Ordinal));
    }
}
