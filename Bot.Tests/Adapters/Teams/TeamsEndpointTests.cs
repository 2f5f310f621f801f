using System.Net;
using System.Text.Json;
using AccessBot.Adapters.Teams.Protocol;
using AccessBot.Tests.Fakes.Teams;
using AccessBot.Tests.Fixtures;
using AccessBot.Workflows.AccessRequests;
using AccessBot.Workflows.Identity;
using AccessBot.Workflows.Notifications;
using Moq;

namespace AccessBot.Tests.Adapters.Teams;

public sealed class TeamsEndpointTests(PostgresFixture database) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string ThreadId = TeamsTestActivities.ApprovalChannel + ";messageid=1700000000500";
    private TeamsAdapterHarness _h = null!;

    public async Task InitializeAsync() => _h = await TeamsAdapterHarness.StartAsync(database.DataSource);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_request_with_a_bad_token_gets_401_and_reaches_nothing()
    {
        var activity = _h.Personal("request prod-db 4h rotate keys");
        var response = await _h.SendAsync(activity, token: _h.Minter.Mint("someone-else", activity.ServiceUrl!));
        var missing = await _h.SendAsync(activity, withToken: false);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Empty(_h.References.Items);
        Assert.False(_h.Connector.TryTakeCall(out _));
    }

    [Fact]
    public async Task A_body_that_is_not_an_activity_gets_400()
    {
        using var content = new StringContent("{\"nope\":1}", System.Text.Encoding.UTF8, "application/json");
        var response = await _h.Http.PostAsync("/api/messages", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_typed_request_is_submitted_for_the_verified_sender_and_answered_in_the_chat()
    {
        _h.AliceIsAMember();
        SubmitRequest? submitted = null;
        _h.Service.Setup(s => s.SubmitAsync(It.IsAny<SubmitRequest>(), It.IsAny<CancellationToken>()))
            .Callback<SubmitRequest, CancellationToken>((r, _) => submitted = r)
            .ReturnsAsync(new SubmitOutcome.Submitted(TeamsTestRequests.Pending()));

        var response = await _h.SendAsync(_h.Personal("request prod-db 4h rotate keys"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var member = await _h.NextCallOfKindAsync("member");
        Assert.Equal("/v3/conversations/a%3Apersonal-29%3Aalice/members/29%3Aalice", member.RawTarget);
        Assert.Equal("Bearer fake-access-token-1", member.Authorization);
        var reply = await _h.NextCallOfKindAsync("reply");
        Assert.Equal("/v3/conversations/a%3Apersonal-29%3Aalice/activities/1700000000123", reply.RawTarget);
        Assert.Contains("#42", reply.Body!.Value.GetProperty("text").GetString());
        Assert.Equal("29:alice", reply.Body.Value.GetProperty("recipient").GetProperty("id").GetString());

        Assert.NotNull(submitted);
        Assert.Equal("prod-db", submitted.Resource);
        Assert.Equal(TimeSpan.FromHours(4), submitted.Duration);
        Assert.Equal("rotate keys", submitted.Reason);
        Assert.Equal("alice@example.com", submitted.Requester.Name);
        Assert.Equal("teams", submitted.Requester.Platform);
        Assert.Equal(TeamsTestRequests.Alice.TeamsAadObjectId, (await _h.Directory.FindByEmailAsync("alice@example.com", default))!.TeamsAadObjectId);
        Assert.Contains(("teams", "user:" + TeamsTestRequests.Alice.TeamsAadObjectId), _h.References.Items.Keys);
        Assert.Equal("client_credentials", _h.Connector.LastTokenForm!["grant_type"]);
        Assert.Equal("https://api.botframework.com/.default", _h.Connector.LastTokenForm["scope"]);
    }

    [Fact]
    public async Task A_message_is_answered_before_the_engine_has_worked_on_it()
    {
        _h.Directory.Add(TeamsTestRequests.Alice);
        var engineStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engineMayFinish = new TaskCompletionSource<SubmitOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Service.Setup(s => s.SubmitAsync(It.IsAny<SubmitRequest>(), It.IsAny<CancellationToken>()))
            .Returns(() => { engineStarted.TrySetResult(); return engineMayFinish.Task; });

        // Were the command run inside the request, this answer would wait for the engine and time out.
        var response = await _h.SendAsync(_h.Personal("request prod-db 4h rotate keys")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await engineStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(engineMayFinish.Task.IsCompleted);
        engineMayFinish.SetResult(new SubmitOutcome.Submitted(TeamsTestRequests.Pending()));
        Assert.Contains("#42", (await _h.NextCallOfKindAsync("reply")).Body!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Help_needs_no_identity_but_personal_commands_from_an_unverifiable_sender_are_refused()
    {
        await _h.SendAsync(_h.Personal("help"));
        Assert.Contains("AccessBot commands", (await _h.NextCallOfKindAsync("reply")).Body!.Value.GetProperty("text").GetString());

        await _h.SendAsync(_h.Personal("list"));
        await _h.NextCallOfKindAsync("member"); // the members API does not know this user
        Assert.Contains("could not verify who you are", (await _h.NextCallOfKindAsync("reply")).Body!.Value.GetProperty("text").GetString());
        _h.Queries.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_throttled_reply_is_sent_again_after_retry_after_and_the_command_runs_once()
    {
        _h.Directory.Add(TeamsTestRequests.Alice);
        _h.Queries.Setup(q => q.ListAsync(It.IsAny<RequestFilter>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([TeamsTestRequests.Pending()]);
        _h.Connector.FailNext(new ConnectorFailure(429, RetryAfterSeconds: "0"));

        await _h.SendAsync(_h.Personal("list"));

        var throttled = await _h.NextCallOfKindAsync("reply");
        var retried = await _h.NextCallOfKindAsync("reply");
        Assert.Equal(throttled.RawTarget, retried.RawTarget);
        Assert.Contains("#42", retried.Body!.Value.GetProperty("text").GetString());
        _h.Queries.Verify(q => q.ListAsync(It.IsAny<RequestFilter>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Pending_lists_what_waits_for_the_approver_and_posts_approval_cards_they_can_click()
    {
        _h.Directory.Add(TeamsTestRequests.Bob);
        var waiting = TeamsTestRequests.Pending();
        _h.Queries.Setup(q => q.PendingForApproverAsync(It.Is<Principal>(p => p.Email == "bob@example.com"), It.IsAny<CancellationToken>()))
            .ReturnsAsync([waiting]);

        await _h.SendAsync(TeamsTestActivities.Personal(_h.Connector.ServiceUrl, "pending", "29:bob", TeamsTestRequests.Bob.TeamsAadObjectId!));

        Assert.Contains("#42", (await _h.NextCallOfKindAsync("reply")).Body!.Value.GetProperty("text").GetString());
        var card = await _h.NextCallOfKindAsync("reply");
        Assert.Equal("approve", TeamsAdapterHarness.Card(card).GetProperty("actions")[0].GetProperty("verb").GetString());
        await WaitUntil(() => _h.Messages.Messages.Any(m => m.RequestId == waiting.Id && m.Purpose == "approval" && m.Channel == "a:personal-29:bob"));
    }

    [Fact]
    public async Task A_bare_request_gets_the_form_card_which_is_recorded_as_posted()
    {
        _h.AliceIsAMember();
        await _h.SendAsync(_h.Personal("request"));
        var reply = await _h.NextCallOfKindAsync("reply");
        var card = TeamsAdapterHarness.Card(reply);
        Assert.Contains(card.GetProperty("body").EnumerateArray(), e => e.GetProperty("type").GetString() == "Input.ChoiceSet");
        Assert.Equal("submitRequest", card.GetProperty("actions")[0].GetProperty("verb").GetString());
        await WaitUntil(() => _h.Messages.Messages.Any(m => m.Purpose == "form"));
    }

    [Fact]
    public async Task Approving_a_posted_card_is_decided_by_the_engine_answered_with_the_final_card_and_other_copies_updated()
    {
        _h.Directory.Add(TeamsTestRequests.Bob);
        var pending = TeamsTestRequests.Pending();
        await _h.Messages.RecordAsync(new PostedMessage(pending.Id, "teams", ThreadId, "1700000000500", "https://teams.microsoft.com/l/message/x", "approval"), default);
        await _h.Messages.RecordAsync(new PostedMessage(pending.Id, "teams", "a:personal-29:bob", "1700000000600", null, "approval"), default);
        await _h.References.SaveAsync("teams", "a:personal-29:bob", new System.Text.Json.Nodes.JsonObject
        {
            ["serviceUrl"] = _h.Connector.ServiceUrl, ["conversationId"] = "a:personal-29:bob", ["conversationType"] = "personal",
        }, default);
        DecideRequest? decided = null;
        _h.Service.Setup(s => s.DecideAsync(It.IsAny<DecideRequest>(), It.IsAny<CancellationToken>()))
            .Callback<DecideRequest, CancellationToken>((r, _) => decided = r)
            .ReturnsAsync(new DecisionOutcome.Recorded(TeamsTestRequests.Approved(pending, TeamsTestRequests.Bob)));
        _h.Queries.Setup(q => q.GetAsync(pending.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(TeamsTestRequests.Approved(pending, TeamsTestRequests.Bob));

        var response = await _h.SendAsync(Click("approve", "42"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        var card = body.GetProperty("value");
        Assert.False(card.TryGetProperty("actions", out _));
        Assert.Contains("You approved request #42", card.GetRawText());
        Assert.NotNull(decided);
        Assert.True(decided.Approve);
        Assert.Equal("bob@example.com", decided.Approver.Name);
        Assert.Equal("https://teams.microsoft.com/l/message/x", decided.Approver.Permalink);

        var update = await _h.NextCallOfKindAsync("update");
        Assert.Equal("/v3/conversations/a%3Apersonal-29%3Abob/activities/1700000000600", update.RawTarget);
        Assert.Contains("Approved by Bob", TeamsAdapterHarness.Card(update).GetRawText());
    }

    [Fact]
    public async Task A_deny_click_passes_the_comment_and_a_refusal_explains_why_without_changing_anything()
    {
        _h.Directory.Add(TeamsTestRequests.Alice);
        var pending = TeamsTestRequests.Pending();
        await _h.Messages.RecordAsync(new PostedMessage(pending.Id, "teams", ThreadId, "1700000000500", null, "approval"), default);
        _h.Service.Setup(s => s.DecideAsync(It.Is<DecideRequest>(r => !r.Approve && r.Comment == "not today"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DecisionOutcome.Refused(new RefusalDetail(Refusal.SelfApproval, new RefusalFacts(RefusedCommand.Decide) { RequestId = pending.Id }), pending));

        var response = await _h.SendAsync(Click("deny", "42", comment: "not today", from: "29:alice", aad: TeamsTestRequests.Alice.TeamsAadObjectId!));

        var card = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("value");
        Assert.Contains("Not done: You cannot decide your own request.", card.GetRawText());
        Assert.False(card.TryGetProperty("actions", out _)); // the refused person's view offers nothing to click
        _h.Service.Verify(s => s.DecideAsync(It.IsAny<DecideRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_click_on_a_card_the_bot_never_posted_is_refused_audited_and_never_reaches_the_engine()
    {
        _h.Directory.Add(TeamsTestRequests.Bob);
        var response = await _h.SendAsync(Click("approve", "77"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.Contains("not posted by AccessBot", body.GetProperty("value").GetString());
        _h.Service.VerifyNoOtherCalls();
        await using var command = database.DataSource.CreateCommand(
            "select count(*) from audit_events where action = 'chat.click_rejected' and request_id = 77 and actor = 'bob@example.com'");
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task An_unknown_verb_gets_a_400_error_invoke_response()
    {
        _h.Directory.Add(TeamsTestRequests.Bob);
        var response = await _h.SendAsync(Click("launchMissiles", "42"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.GetProperty("type").GetString());
        _h.Service.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Installing_in_a_team_stores_the_channel_reference_and_removing_the_bot_deletes_it()
    {
        var install = TeamsTestActivities.ChannelMention(_h.Connector.ServiceUrl, "") with
        {
            Type = ActivityTypes.ConversationUpdate,
            Text = null,
            Conversation = new ConversationAccount(TeamsTestActivities.ApprovalChannel, "channel", TeamsTestActivities.Tenant, true),
            MembersAdded = [new ChannelAccount(TeamsTestActivities.BotId, "AccessBot")],
        };
        Assert.Equal(HttpStatusCode.OK, (await _h.SendAsync(install)).StatusCode);
        var stored = _h.References.Items[("teams", TeamsTestActivities.ApprovalChannel)];
        Assert.Equal(_h.Connector.ServiceUrl, stored["serviceUrl"]!.GetValue<string>());
        Assert.Equal("bbbbbbbb-0000-0000-0000-000000000002", stored["aadGroupId"]!.GetValue<string>());

        var removal = install with { MembersAdded = null, MembersRemoved = [new ChannelAccount(TeamsTestActivities.BotId)] };
        await _h.SendAsync(removal);
        Assert.DoesNotContain(("teams", TeamsTestActivities.ApprovalChannel), _h.References.Items.Keys);
    }

    [Fact]
    public async Task A_personal_install_stores_the_user_reference_and_uninstalling_deletes_it()
    {
        var install = _h.Personal("") with { Type = ActivityTypes.InstallationUpdate, Text = null, Action = "add" };
        await _h.SendAsync(install);
        var key = ("teams", "user:" + TeamsTestRequests.Alice.TeamsAadObjectId);
        Assert.Equal("a:personal-29:alice", _h.References.Items[key]["conversationId"]!.GetValue<string>());

        await _h.SendAsync(install with { Action = "remove" });
        Assert.DoesNotContain(key, _h.References.Items.Keys);
        Assert.DoesNotContain(("teams", "a:personal-29:alice"), _h.References.Items.Keys);
    }

    private Activity Click(string verb, string requestId, string? comment = null, string from = "29:bob", string aad = "bbbbbbbb-0000-0000-0000-000000000002")
    {
        var data = new Dictionary<string, object?> { ["requestId"] = requestId };
        if (comment is not null) data["comment"] = comment;
        var value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb, data }, trigger = "manual" });
        return TeamsTestActivities.ChannelMention(_h.Connector.ServiceUrl, "", from, aad) with
        {
            Type = ActivityTypes.Invoke,
            Name = "adaptiveCard/action",
            Text = null,
            Entities = null,
            Conversation = new ConversationAccount(ThreadId, "channel", TeamsTestActivities.Tenant, true),
            ReplyToId = "1700000000500",
            Value = value,
        };
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            cts.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
