using AccessBot.Adapters.Teams.Connector;
using AccessBot.Adapters.Teams.Conversations;
using AccessBot.Adapters.Teams.Notifications;
using AccessBot.Tests.Fakes.Teams;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class TeamsNotifierTests(PostgresFixture database) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private TeamsAdapterHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await TeamsAdapterHarness.StartAsync(database.DataSource);
        await using var scope = _h.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<TeamsConversationStore>();
        await store.SaveAsync(TeamsConversationReference.FromActivity(TeamsTestActivities.ChannelMention(_h.Connector.ServiceUrl, "help"))!, default);
        await store.SaveAsync(TeamsConversationReference.FromActivity(_h.Personal("help"))!, default);
        _h.Directory.Add(TeamsTestRequests.Alice);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static long NewId() => Random.Shared.NextInt64(1, long.MaxValue);

    private async Task DeliverAsync(ChatNotification notification)
    {
        await using var scope = _h.Services.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetServices<IChatNotifier>().Single(n => n.Platform == "teams");
        await notifier.DeliverAsync(notification, default);
    }

    [Fact]
    public async Task An_approval_request_starts_a_thread_in_the_policy_channel_recorded_with_its_deep_link_and_audited()
    {
        var request = TeamsTestRequests.Pending(id: NewId() % 1_000_000 + 1);
        await DeliverAsync(new ChatNotification(NewId(), NotificationKind.ApprovalRequested, request, NotificationAudience.Channel("approvals")));

        var create = await _h.NextCallOfKindAsync("create");
        Assert.Equal(TeamsTestActivities.ApprovalChannel, create.Body!.Value.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        var card = create.Body.Value.GetProperty("activity").GetProperty("attachments")[0].GetProperty("content");
        Assert.Equal("approve", card.GetProperty("actions")[0].GetProperty("verb").GetString());

        var posted = Assert.Single(_h.Messages.Messages, m => m.RequestId == request.Id);
        Assert.Equal("approval", posted.Purpose);
        Assert.StartsWith($"{TeamsTestActivities.ApprovalChannel};messageid=", posted.Channel);
        Assert.StartsWith("https://teams.microsoft.com/l/message/19%3Aapprovals0f1e2d%40thread.tacv2/" + posted.MessageId, posted.Permalink);
        Assert.Contains("groupId=bbbbbbbb-0000-0000-0000-000000000002", posted.Permalink);
        Assert.Contains("tenantId=" + TeamsTestActivities.Tenant, posted.Permalink);

        await using var command = database.DataSource.CreateCommand(
            "select permalink, details->>'message_id' from audit_events where action = 'chat.posted' and request_id = $1");
        command.Parameters.AddWithValue(request.Id.Value);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(posted.Permalink, reader.GetString(0));
        Assert.Equal(posted.MessageId, reader.GetString(1));
    }

    [Fact]
    public async Task A_second_approval_notification_for_the_same_request_updates_the_existing_card_instead_of_posting_again()
    {
        var request = TeamsTestRequests.Pending(id: NewId() % 1_000_000 + 1);
        var first = new ChatNotification(NewId(), NotificationKind.ApprovalRequested, request, NotificationAudience.Channel("approvals"));
        await DeliverAsync(first);
        await _h.NextCallOfKindAsync("create");
        await DeliverAsync(first); // the same job retried: nothing at all
        await DeliverAsync(first with { Id = NewId(), Request = request with { CurrentStep = 2 } });
        var next = await _h.Connector.NextCallAsync();
        Assert.Equal("update", next.Kind);
        Assert.Contains("step 2 of 2", TeamsAdapterHarness.Card(next).GetRawText());
        Assert.Single(_h.Messages.Messages, m => m.RequestId == request.Id);
    }

    [Fact]
    public async Task A_manual_task_is_worded_by_the_teams_template_below_the_headline_with_its_values_escaped()
    {
        var request = TeamsTestRequests.Pending(id: NewId() % 1_000_000 + 1) with { State = RequestState.Approved };
        var task = new ManualTask(ManualStep.Remove, request.Id.Value, "prod_db", "<at>eve</at>@example.com");

        await DeliverAsync(new ChatNotification(NewId(), NotificationKind.ManualAction, request, NotificationAudience.Channel("approvals"), Notice: task));

        var create = await _h.NextCallOfKindAsync("create");
        var text = create.Body!.Value.GetProperty("activity").GetProperty("text").GetString()!;
        Assert.StartsWith("**Manual action needed**", text, StringComparison.Ordinal);
        Assert.Contains($"Remove **prod\\_db** from &lt;at&gt;eve&lt;/at&gt;@example.com: request #{request.Id} has ended.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<at>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_requester_is_told_of_a_state_change_in_their_personal_chat_with_escaped_text()
    {
        var request = TeamsTestRequests.Approved(TeamsTestRequests.Pending(), TeamsTestRequests.Bob with { DisplayName = "<at>Bob</at> **boss**" });
        await DeliverAsync(new ChatNotification(NewId(), NotificationKind.RequesterUpdate, request, NotificationAudience.People("alice@example.com")));
        var send = await _h.NextCallOfKindAsync("send");
        Assert.Equal("/v3/conversations/a%3Apersonal-29%3Aalice/activities", send.RawTarget);
        var text = send.Body!.Value.GetProperty("text").GetString()!;
        Assert.Contains("#42", text);
        Assert.Contains("active", text);
        Assert.Contains("&lt;at&gt;Bob&lt;/at&gt; \\*\\*boss\\*\\*", text);
        Assert.DoesNotContain("<at>", text);
    }

    [Fact]
    public async Task A_person_seen_only_in_a_channel_gets_a_personal_chat_opened_with_their_id_and_tenant()
    {
        _h.Directory.Add(TeamsTestRequests.Bob);
        await using (var scope = _h.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TeamsConversationStore>().RememberSenderAsync(
                TeamsTestActivities.ChannelMention(_h.Connector.ServiceUrl, "list", "29:bob", TeamsTestRequests.Bob.TeamsAadObjectId!), default);

        await DeliverAsync(new ChatNotification(NewId(), NotificationKind.RequesterUpdate, TeamsTestRequests.Pending(), NotificationAudience.People("bob@example.com")));

        var create = await _h.NextCallOfKindAsync("create");
        var body = create.Body!.Value;
        Assert.False(body.GetProperty("isGroup").GetBoolean());
        Assert.Equal("29:bob", body.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(TeamsTestActivities.BotId, body.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal(TeamsTestActivities.Tenant, body.GetProperty("tenantId").GetString());
        Assert.Equal(TeamsTestActivities.Tenant, body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        var send = await _h.NextCallOfKindAsync("send");
        Assert.Equal("/v3/conversations/a%3Apersonal-29%3Abob/activities", send.RawTarget);
        Assert.Contains(("teams", TeamsConversationStore.UserKey(TeamsTestRequests.Bob.TeamsAadObjectId!)), _h.References.Items.Keys);
    }

    [Fact]
    public async Task A_refused_personal_chat_skips_the_person_without_failing_the_delivery()
    {
        _h.Directory.Add(TeamsTestRequests.Bob);
        await using (var scope = _h.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TeamsConversationStore>().RememberSenderAsync(
                TeamsTestActivities.ChannelMention(_h.Connector.ServiceUrl, "list", "29:bob", TeamsTestRequests.Bob.TeamsAadObjectId!), default);
        _h.Connector.FailNext(new ConnectorFailure(403, SubCode: "MessageWritesBlocked"));

        await DeliverAsync(new ChatNotification(NewId(), NotificationKind.RequesterUpdate, TeamsTestRequests.Pending(), NotificationAudience.People("bob@example.com")));

        Assert.Equal("create", (await _h.Connector.NextCallAsync()).Kind);
        Assert.False(_h.Connector.TryTakeCall(out _));
        Assert.DoesNotContain(("teams", TeamsConversationStore.UserKey(TeamsTestRequests.Bob.TeamsAadObjectId!)), _h.References.Items.Keys);
    }

    [Fact]
    public async Task Expiring_soon_offers_extend_and_release_to_the_requester()
    {
        var request = TeamsTestRequests.Approved(TeamsTestRequests.Pending(id: NewId() % 1_000_000 + 1), TeamsTestRequests.Bob);
        await DeliverAsync(new ChatNotification(NewId(), NotificationKind.ExpiringSoon, request, NotificationAudience.People("alice@example.com")));
        var card = TeamsAdapterHarness.Card(await _h.NextCallOfKindAsync("send"));
        Assert.Equal(["extend", "release"], card.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("verb").GetString()));
        Assert.Contains(_h.Messages.Messages, m => m.RequestId == request.Id && m.Purpose == "expiring");
    }

    [Fact]
    public async Task Throttling_is_thrown_so_the_delivery_job_retries()
    {
        _h.Connector.FailNext(new ConnectorFailure(429, RetryAfterSeconds: "3"));
        var request = TeamsTestRequests.Pending(id: NewId() % 1_000_000 + 1);
        var e = await Assert.ThrowsAsync<ConnectorTransientException>(() => DeliverAsync(
            new ChatNotification(NewId(), NotificationKind.ApprovalRequested, request, NotificationAudience.Channel("approvals"))));
        Assert.Equal(TimeSpan.FromSeconds(3), e.RetryAfter);
        Assert.DoesNotContain(_h.Messages.Messages, m => m.RequestId == request.Id);
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_recorded_and_not_retried()
    {
        _h.Connector.FailNext(new ConnectorFailure(403, SubCode: "MessageWritesBlocked"));
        var request = TeamsTestRequests.Pending();
        await DeliverAsync(new ChatNotification(NewId(), NotificationKind.RequesterUpdate, request, NotificationAudience.People("alice@example.com")));
        var stored = _h.References.Items[("teams", TeamsConversationStore.UserKey(TeamsTestRequests.Alice.TeamsAadObjectId!))];
        Assert.True(stored["dead"]!.GetValue<bool>());

        await DeliverAsync(new ChatNotification(NewId(), NotificationKind.RequesterUpdate, request, NotificationAudience.People("alice@example.com")));
        await _h.NextCallOfKindAsync("send"); // the refused one
        Assert.False(_h.Connector.TryTakeCall(out _)); // nothing sent to a dead reference
    }

    [Fact]
    public async Task A_configured_channel_without_a_reference_makes_the_health_check_degraded()
    {
        await using var scope = _h.Services.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<TeamsChannelHealthCheck>();
        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("19:security@thread.tacv2", result.Description);
        Assert.DoesNotContain(TeamsTestActivities.ApprovalChannel, result.Description);
    }

    [Fact]
    public async Task Without_teams_configured_nothing_is_posted_and_health_is_not_degraded()
    {
        await using var off = await TeamsAdapterHarness.StartAsync(database.DataSource,
            new Dictionary<string, string?> { ["Teams:AppId"] = "", ["Teams:AppPassword"] = "" });
        await off.References.SaveAsync("teams", TeamsTestActivities.ApprovalChannel,
            TeamsConversationReference.FromActivity(TeamsTestActivities.ChannelMention(off.Connector.ServiceUrl, "help"))!.ToJson(), default);
        await using var scope = off.Services.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetServices<IChatNotifier>().Single(n => n.Platform == "teams");

        await notifier.DeliverAsync(new ChatNotification(NewId(), NotificationKind.ApprovalRequested, TeamsTestRequests.Pending(),
            NotificationAudience.Channel("approvals")), default);

        Assert.False(off.Connector.TryTakeCall(out _));
        Assert.Empty(off.Messages.Messages);
        var health = await scope.ServiceProvider.GetRequiredService<TeamsChannelHealthCheck>().CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await off.SendAsync(off.Personal("help"), withToken: false)).StatusCode);
    }
}
